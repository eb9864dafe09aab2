using Course.LoadBalancing.Policies;
using Xunit.Abstractions;
using static Course.LoadBalancing.Tests.Policies.Drive;

namespace Course.LoadBalancing.Tests.Policies;

public class HashingPolicyTests(ITestOutputHelper output)
{
    private static IReadOnlyList<BackendState> Pool(int n) => BackendState.Pool(Enumerable.Range(0, n).Select(i => $"b{i}").ToArray());

    public static TheoryData<string> Hashing => ["bounded", "maglev"];

    private static ILoadBalancingPolicy Make(string name) => name == "bounded" ? new BoundedLoadConsistentHashing() : new Maglev();

    // Requests finish before the next arrives, so no backend is ever over its bound: the key alone decides.
    [Theory]
    [MemberData(nameof(Hashing))]
    public void AffinityHoldsAcrossRequests(string name)
    {
        var policy = Make(name);
        var pool = Pool(8);
        var random = new Random(3);
        var first = new Dictionary<string, string>();
        for (var round = 0; round < 5; round++)
            for (var u = 0; u < 200; u++)
            {
                var key = $"user-{u}";
                var id = policy.Pick(pool, At(random, round, key))!.Id;
                Assert.Equal(first.TryAdd(key, id) ? id : first[key], id);
            }
        Assert.True(first.Values.Distinct().Count() == 8, "200 users should land on all 8 backends");
    }

    // Mirrokni et al.: no backend ever holds more than ⌈(1+ε)·m/n⌉ of the m requests in flight, even when every
    // request carries the same hot key (the plain ring would put all of them on one backend).
    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void BoundedLoadsCapEveryBackendUnderAHotKey(double epsilon)
    {
        var pool = Pool(5);
        var policy = new BoundedLoadConsistentHashing(epsilon);
        var random = new Random(4);
        for (var m = 1; m <= 100; m++)
        {
            policy.Pick(pool, At(random, 0, "hot-key"))!.RequestStarted(TimeSpan.Zero);
            var cap = Math.Ceiling((1 + epsilon) * m / 5);
            Assert.True(pool.Max(b => b.InFlight) <= cap, $"ε={epsilon} m={m}: max in flight {pool.Max(b => b.InFlight)} > cap {cap}");
        }
        output.WriteLine($"ε={epsilon}: {string.Join(" ", pool.Select(b => $"{b.Id}={b.InFlight}"))}");
    }

    [Fact]
    public void AnUnboundedRingSendsAHotKeyToOneBackend()
    {
        var pool = Pool(5);
        var policy = new BoundedLoadConsistentHashing(double.PositiveInfinity);
        var random = new Random(4);
        for (var m = 0; m < 100; m++) policy.Pick(pool, At(random, 0, "hot-key"))!.RequestStarted(TimeSpan.Zero);
        Assert.Equal(100, pool.Max(b => b.InFlight));
    }

    // Maglev's slots are near-equal, so 50,000 keys spread within a few percent (binomial noise sd ≈ 1% here).
    [Fact]
    public void MaglevSpreadsKeysEvenly()
    {
        var pool = Pool(10);
        var policy = new Maglev();
        var random = new Random(5);
        var counts = Enumerable.Range(0, 50_000).Select(k => policy.Pick(pool, At(random, 0, $"k{k}"))!.Id)
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(" ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")));
        Assert.All(counts.Values, c => Assert.InRange(c, 4700, 5300));
    }

    // A backend leaves the healthy set: its keys must move, and few others should (the paper's minimal disruption).
    [Theory]
    [MemberData(nameof(Hashing))]
    public void WhenABackendFailsMostOtherKeysStayPut(string name)
    {
        var policy = Make(name);
        var pool = Pool(10);
        var random = new Random(6);
        var keys = Enumerable.Range(0, 20_000).Select(k => $"k{k}").ToArray();
        var before = keys.Select(k => policy.Pick(pool, At(random, 0, k))!.Id).ToArray();
        var survivors = pool.Where(b => b.Id != "b3").ToArray();
        var after = keys.Select(k => policy.Pick(survivors, At(random, 0, k))!.Id).ToArray();
        var own = before.Count(id => id == "b3");
        var needless = keys.Indices().Count(i => before[i] != "b3" && before[i] != after[i]);
        output.WriteLine($"{name}: b3 held {own} of {keys.Length}; other keys moved needlessly: {needless}");
        Assert.All(keys.Indices(), i => Assert.NotEqual("b3", after[i]));
        Assert.True(needless < keys.Length / 50, $"{name}: {needless} keys of surviving backends moved");
    }
}

internal static class ArrayIndices
{
    public static IEnumerable<int> Indices<T>(this T[] array) => Enumerable.Range(0, array.Length);
}
