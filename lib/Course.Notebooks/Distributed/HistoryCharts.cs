using Course.Distributed.Linearizability;
using Plotly.NET;

namespace Course.Notebooks.Distributed;

/// <summary>Porcupine-style pictures of a checked history: each client's operations as bars in its lane.</summary>
public static class HistoryCharts
{
    public static readonly IReadOnlyDictionary<string, string> RoleColors = new Dictionary<string, string>
    {
        ["operation"] = "#90a4ae",
        ["linearized prefix"] = "#66bb6a",
        ["cannot be linearized"] = "#e53935",
        ["also rejected"] = "#ffb74d",
    };

    /// <summary>
    /// The history as a timeline (times in ms when the history used TimeSpan ticks). For an illegal history the
    /// counterexample is highlighted: the longest linearizable prefix in green, the operation that breaks it in red.
    /// </summary>
    public static GenericChart Timeline<TInput, TOutput>(LinearizabilityResult<TInput, TOutput> result, string? title = null, double ticksPerUnit = TimeSpan.TicksPerMillisecond, int maxOperations = 400)
    {
        var timeline = result.Timeline();
        var bars = timeline.Bars.OrderByDescending(b => b.InCounterexample).ThenBy(b => b.Start).Take(maxOperations);
        var segments = bars.Select(b => new LaneSegment(
            $"client {b.ClientId}",
            (b.Start - timeline.Start) / ticksPerUnit,
            (b.End - timeline.Start) / ticksPerUnit,
            b.Role switch
            {
                TimelineRole.Prefix => "linearized prefix",
                TimelineRole.FirstUnlinearizable => "cannot be linearized",
                TimelineRole.Candidate => "also rejected",
                _ => "operation",
            },
            b.Pending ? b.Label + " (never returned)" : b.Label));
        return Charts.Lanes(title ?? $"History: {timeline.Outcome}", "time (ms)", segments, RoleColors);
    }
}
