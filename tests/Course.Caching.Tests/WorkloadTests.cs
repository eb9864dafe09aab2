using Course.Caching.Workloads;
using W = Course.Caching.Workloads.Workloads;

namespace Course.Caching.Tests;

public class WorkloadTests
{
    [Fact]
    public void Same_seed_same_trace_other_seed_other_trace()
    {
        Assert.Equal(W.Zipf(100, 0.9, 500, seed: 3).Trace, W.Zipf(100, 0.9, 500, seed: 3).Trace);
        Assert.NotEqual(W.Zipf(100, 0.9, 500, seed: 3).Trace, W.Zipf(100, 0.9, 500, seed: 4).Trace);
        Assert.Equal(W.ShiftingHotSet(100, 10, 0.8, 50, 500, 9).Trace, W.ShiftingHotSet(100, 10, 0.8, 50, 500, 9).Trace);
    }

    [Fact]
    public void Zipf_probabilities_follow_the_power_law()
    {
        // n=3, s=1: weights 1, 1/2, 1/3 over H_3 = 11/6 → 6/11, 3/11, 2/11.
        var sampler = new ZipfSampler(3, 1.0);
        Assert.Equal(6.0 / 11, sampler.Probability(0), 12);
        Assert.Equal(3.0 / 11, sampler.Probability(1), 12);
        Assert.Equal(2.0 / 11, sampler.Probability(2), 12);
        Assert.Equal(0.25, new ZipfSampler(4, 0).Probability(3), 12); // s = 0 is uniform
    }

    [Fact]
    public void Zipf_samples_match_the_probabilities()
    {
        const int seed = 17, n = 100_000;
        var trace = W.Zipf(50, 1.0, n, seed).Trace;
        var sampler = new ZipfSampler(50, 1.0);
        foreach (var rank in new[] { 0, 1, 9, 49 })
        {
            var observed = trace.Count(k => k == rank) / (double)n;
            var p = sampler.Probability(rank);
            var tolerance = 5 * Math.Sqrt(p * (1 - p) / n); // five standard errors
            Assert.True(Math.Abs(observed - p) <= tolerance, $"seed {seed}: rank {rank} observed {observed:F4}, expected {p:F4}");
        }
    }

    [Fact]
    public void Scans_are_fresh_keys_in_blocks_between_zipf_runs()
    {
        var trace = W.ZipfWithScans(items: 100, skew: 1.0, length: 25, scanLength: 5, scanEvery: 5, seed: 1).Trace;
        // Blocks: 5 Zipf, 5 scan (100..104), 5 Zipf, 5 scan (105..109), 5 Zipf.
        Assert.Equal([100, 101, 102, 103, 104], trace.Skip(5).Take(5));
        Assert.Equal([105, 106, 107, 108, 109], trace.Skip(15).Take(5));
        Assert.All(trace.Take(5).Concat(trace.Skip(10).Take(5)).Concat(trace.Skip(20)), k => Assert.InRange(k, 0, 99));
    }

    [Fact]
    public void Loop_cycles_through_its_keys()
    {
        Assert.Equal([0, 1, 2, 0, 1, 2, 0], W.Loop(3, 7).Trace);
    }

    [Fact]
    public void The_hot_set_moves_every_phase()
    {
        const int seed = 2;
        var trace = W.ShiftingHotSet(items: 1000, hotKeys: 10, hotProbability: 1.0, phaseLength: 100, length: 300, seed).Trace;
        Assert.All(trace.Take(100), k => Assert.InRange(k, 0, 9));
        Assert.All(trace.Skip(100).Take(100), k => Assert.InRange(k, 10, 19));
        Assert.All(trace.Skip(200), k => Assert.InRange(k, 20, 29));
    }

    [Fact]
    public void Bad_parameters_are_named_in_the_error()
    {
        Assert.Contains("items", Assert.Throws<ArgumentOutOfRangeException>(() => W.Zipf(0, 1, 10, 1)).Message);
        Assert.Contains("skew", Assert.Throws<ArgumentOutOfRangeException>(() => W.Zipf(10, -0.5, 10, 1)).Message);
        Assert.Contains("skew", Assert.Throws<ArgumentOutOfRangeException>(() => W.Zipf(10, double.NaN, 10, 1)).Message);
        Assert.Contains("length", Assert.Throws<ArgumentOutOfRangeException>(() => W.Loop(3, -1)).Message);
        Assert.Contains("scanLength", Assert.Throws<ArgumentOutOfRangeException>(() => W.ZipfWithScans(10, 1, 10, 0, 5, 1)).Message);
        Assert.Contains("hotKeys", Assert.Throws<ArgumentOutOfRangeException>(() => W.ShiftingHotSet(10, 11, 0.5, 5, 10, 1)).Message);
        Assert.Contains("hotProbability", Assert.Throws<ArgumentOutOfRangeException>(() => W.ShiftingHotSet(10, 5, 1.5, 5, 10, 1)).Message);
    }
}
