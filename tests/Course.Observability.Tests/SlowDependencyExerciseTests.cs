using Course.Observability.Exercises;
using Course.Observability.Tracing;

namespace Course.Observability.Tests;

public sealed class SlowDependencyExerciseTests
{
    [Fact]
    public void The_reference_passes_every_scenario()
    {
        var verdicts = SlowDependencyExercise.Check(SlowDependencyExercise.Reference);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
        Assert.Equal(SlowDependencyExercise.ScenarioNames, verdicts.Select(v => v.Scenario));
    }

    [Fact]
    public void The_obvious_wrong_answer_the_longest_span_fails_with_a_reason()
    {
        static string LongestSpan(IReadOnlyList<TraceTree> traces) =>
            traces.SelectMany(t => t.Spans).GroupBy(s => s.Service).OrderByDescending(g => g.Sum(s => s.Duration.Ticks)).First().Key;
        var verdicts = SlowDependencyExercise.Check(LongestSpan);
        var slowLeaf = verdicts.Single(v => v.Scenario == "SlowLeaf");
        Assert.False(slowLeaf.Passed);
        Assert.Equal(1, slowLeaf.FirstFailingSeed);
        Assert.Contains("answered 'gateway', but the time goes to 'catalog'", slowLeaf.Failure);
    }

    [Fact]
    public void Blaming_errors_or_the_deepest_span_fails_the_scenarios_built_against_them()
    {
        // Two plausible shortcuts, each caught by the scenario written against it.
        static string MostErrors(IReadOnlyList<TraceTree> traces) =>
            traces.SelectMany(t => t.Spans).GroupBy(s => s.Service).OrderByDescending(g => g.Count(s => s.IsError)).ThenBy(g => g.Key).First().Key;
        Assert.False(SlowDependencyExercise.Check(MostErrors).Single(v => v.Scenario == "FastFailuresAreNotSlowness").Passed);

        static string LeafOfTheLongestTrace(IReadOnlyList<TraceTree> traces) =>
            traces.OrderByDescending(t => t.Duration).First().Spans.OrderByDescending(s => s.Start).First().Service;
        var verdicts = SlowDependencyExercise.Check(LeafOfTheLongestTrace);
        Assert.False(verdicts.Single(v => v.Scenario == "DeepChain").Passed);      // the deepest span (e) is not the slow one (d)
        Assert.False(verdicts.Single(v => v.Scenario == "SlowCallerItself").Passed);
    }

    [Fact]
    public void A_checker_answer_that_throws_is_reported_not_propagated()
    {
        var verdicts = SlowDependencyExercise.Check(_ => throw new NotImplementedException("todo"));
        Assert.All(verdicts, v => Assert.Contains("threw NotImplementedException: todo", v.Failure));
    }

    [Fact]
    public void The_reference_refuses_an_empty_trace_list_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => SlowDependencyExercise.Reference([]));
        Assert.Contains("no traces", error.Message);
    }
}
