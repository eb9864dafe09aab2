using System.Diagnostics.CodeAnalysis;
using Course.Caching.Exercises;
using Course.Caching.Policies;

namespace Course.Caching.Tests;

public class LruExerciseTests
{
    [Fact]
    public void The_reference_passes_every_scenario()
    {
        var verdicts = LruExercise.Check(LruExercise.Reference);
        Assert.All(verdicts, v => Assert.True(v.Passed, $"{v.Scenario}: {v.Failure}"));
        Assert.Equal(LruExercise.ScenarioNames, verdicts.Select(v => v.Scenario));
    }

    [Fact]
    public void Fifo_the_notebooks_starting_point_fails_exactly_the_recency_scenarios()
    {
        var verdicts = LruExercise.Check(c => new FifoCache<int, int>(c)).ToDictionary(v => v.Scenario);
        Assert.False(verdicts["HandTrace"].Passed);
        Assert.Contains("got MMMHMMMM, want MMMHMHMM", verdicts["HandTrace"].Failure);
        Assert.False(verdicts["MatchesReference"].Passed);
        Assert.Equal(1, verdicts["MatchesReference"].FirstFailingSeed);
        Assert.False(verdicts["ValuesAndUpdates"].Passed);
        Assert.True(verdicts["CapacityRespected"].Passed);
        Assert.True(verdicts["StatsCounted"].Passed);
        Assert.True(verdicts["BadCapacity"].Passed);
    }

    private sealed class Unbounded(int capacity) : CacheBase<int, int>(capacity)
    {
        private readonly Dictionary<int, int> _all = [];
        public override string Name => "unbounded";
        public override int Count => _all.Count;
        protected override bool Lookup(int key, [MaybeNullWhen(false)] out int value) => _all.TryGetValue(key, out value);
        protected override void Store(int key, int value) => _all[key] = value;
        protected override bool Contains(int key) => _all.ContainsKey(key);
    }

    [Fact]
    public void A_cache_that_never_evicts_is_caught_by_the_base_class_and_reported()
    {
        var verdicts = LruExercise.Check(c => new Unbounded(c)).ToDictionary(v => v.Scenario);
        Assert.False(verdicts["CapacityRespected"].Passed);
        Assert.Contains("threw InvalidOperationException", verdicts["CapacityRespected"].Failure);
        Assert.Contains("over its capacity", verdicts["CapacityRespected"].Failure);
    }

    [Fact]
    public void A_cache_that_accepts_capacity_zero_fails_bad_capacity()
    {
        var verdict = LruExercise.Check(c => new LruCache<int, int>(Math.Max(1, c))).Single(v => v.Scenario == "BadCapacity");
        Assert.False(verdict.Passed);
        Assert.Contains("capacity 0 was accepted", verdict.Failure);
    }
}
