using Course.LoadBalancing.Policies;
using static Course.LoadBalancing.Tests.Policies.Drive;

namespace Course.LoadBalancing.Tests.Policies;

public class PolicyContractTests
{
    public static TheoryData<int> PolicyIndices => new(Enumerable.Range(0, AllPolicies().Length));

    [Theory]
    [MemberData(nameof(PolicyIndices))]
    public void AnEmptyHealthySetGivesNullNotAnException(int index) =>
        Assert.Null(AllPolicies()[index].Pick([], At(new Random(1), key: "k")));

    [Theory]
    [MemberData(nameof(PolicyIndices))]
    public void APickIsAlwaysOneOfTheHealthyBackends(int index)
    {
        var policy = AllPolicies()[index];
        var pool = BackendState.Pool(("a", 2), ("b", 1), ("c", 3), ("d", 1));
        var random = new Random(index);
        for (var i = 0; i < 200; i++)
        {
            var healthy = pool.Where((_, j) => (i >> j & 1) == 0 || j == i % 4).ToArray();   // membership changes every pick
            var picked = policy.Pick(healthy, At(random, i, $"k{i % 17}"));
            Assert.Contains(picked, healthy);
        }
    }

    // Same seed, same picks: the randomised policies replay exactly (what makes the simulation deterministic).
    [Theory]
    [MemberData(nameof(PolicyIndices))]
    public void TheSameSeedGivesTheSamePicks(int index)
    {
        string Run()
        {
            var policy = AllPolicies()[index];
            var pool = BackendState.Pool("a", "b", "c", "d", "e");
            var random = new Random(77);
            var ids = new List<string>();
            for (var i = 0; i < 300; i++)
            {
                var b = policy.Pick(pool, At(random, i * 0.01, random.Next(2) == 0 ? null : $"k{i % 9}"))!;
                b.RequestStarted(TimeSpan.FromSeconds(i * 0.01));
                if (i % 3 == 0) b.RequestFinished(TimeSpan.FromSeconds(i * 0.01), RequestOutcome.Ok(TimeSpan.FromMilliseconds(i % 50)));
                ids.Add(b.Id);
            }
            return string.Concat(ids);
        }
        Assert.Equal(Run(), Run());
    }
}
