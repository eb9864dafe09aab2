using Course.LoadBalancing.Policies;
using static Course.LoadBalancing.Tests.Policies.Drive;

namespace Course.LoadBalancing.Tests.Policies;

public class RoundRobinTests
{
    [Fact]
    public void RoundRobinTakesTheBackendsInTurn() =>
        Assert.Equal("abcabca", string.Concat(Ids(new RoundRobin(), BackendState.Pool("a", "b", "c"), 7)));

    // nginx's own example (ngx_http_upstream_round_robin.c, commit 52327e0627f4): weights 5, 1, 1 give a a b a c a a.
    [Fact]
    public void SmoothWeightedRoundRobinGivesNginxsInterleavedSequence() =>
        Assert.Equal("aabacaa" + "aabacaa",
            string.Concat(Ids(new SmoothWeightedRoundRobin(), BackendState.Pool(("a", 5), ("b", 1), ("c", 1)), 14)));

    // Worked by hand from the algorithm: currents start at 0; each step adds (4,2,1) then subtracts 7 from the winner.
    // step1 (4,2,1)->a (-3,2,1); step2 (1,4,2)->b (1,-3,2); step3 (5,-1,3)->a (-2,-1,3); step4 (2,1,4)->c (2,1,-3);
    // step5 (6,3,-2)->a (-1,3,-2); step6 (3,5,-1)->b (3,-2,-1); step7 (7,0,0)->a (0,0,0).
    [Fact]
    public void SmoothWeightedRoundRobinFollowsTheHandWorkedTrace() =>
        Assert.Equal("abacaba", string.Concat(Ids(new SmoothWeightedRoundRobin(), BackendState.Pool(("a", 4), ("b", 2), ("c", 1)), 7)));

    [Fact]
    public void OverOneCycleEachBackendIsPickedExactlyItsWeight()
    {
        var weights = new[] { 7, 3, 3, 1, 11 };
        var pool = BackendState.Pool(weights.Select((w, i) => ($"s{i}", w)).ToArray());
        var picks = Ids(new SmoothWeightedRoundRobin(), pool, weights.Sum() * 3);
        for (var i = 0; i < weights.Length; i++) Assert.Equal(weights[i] * 3, picks.Count(p => p == $"s{i}"));
    }

    [Fact]
    public void WeightedRandomFollowsTheWeights()
    {
        const int seed = 11, n = 60_000;
        var pool = BackendState.Pool(("a", 3), ("b", 1));
        var random = new Random(seed);
        var policy = new RandomChoice();
        var a = Enumerable.Range(0, n).Count(_ => policy.Pick(pool, At(random))!.Id == "a");
        // Binomial(60000, 0.75): sd = 106; ±6 sd.
        Assert.True(Math.Abs(a - 45_000) < 640, $"seed={seed}: a picked {a} of {n}, expected 45000 ± 640");
    }
}
