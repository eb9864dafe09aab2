using Course.Distributed.Linearizability;
using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// How one store did under the experiment: availability, consistency, latency, and the raw records behind them.
/// Plain data; a notebook draws the charts.
/// </summary>
public sealed record CapSystemReport(
    CapSystemKind System,
    int Requests,
    int Answered,
    int Refused,
    int TimedOut,
    ConsistencyAudit Consistency,
    LinearizabilityResult<KeyValueInput, string?> Linearizability,
    LatencySummary Latency,
    IReadOnlyList<AvailabilityBucket> Timeline,
    IReadOnlyList<CapRequestRecord> Records,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FinalValues,
    bool ReplicasAgree,
    NetworkStats Network)
{
    public string Name => System switch
    {
        CapSystemKind.Cp => "CP (majority quorums)",
        CapSystemKind.ApLastWriterWins => "AP (last writer wins)",
        _ => "AP (version vectors)",
    };

    /// <summary>Fraction of requests answered OK within the deadline (1 when there were none).</summary>
    public double Availability => Requests == 0 ? 1 : (double)Answered / Requests;

    public int StaleReads => Consistency.StaleReads;

    public int LostWrites => Consistency.LostWrites;

    /// <summary>Reads that returned more than one value (only the version-vector store does that).</summary>
    public int SiblingReads => Consistency.SiblingReads;

    public CheckOutcome Verdict => Linearizability.Outcome;

    public bool IsLinearizable => Verdict == CheckOutcome.Ok;

    /// <summary>The checker's account of its verdict, with a counterexample when the history is not linearizable.</summary>
    public string Explanation => Linearizability.Explain();

    public override string ToString() =>
        $"{Name}: availability {Availability:P1} ({Answered}/{Requests}, {Refused} refused, {TimedOut} timed out), " +
        $"stale reads {StaleReads}/{Consistency.Reads}, lost writes {LostWrites}/{Consistency.AcknowledgedWrites}, " +
        $"sibling reads {SiblingReads} (max {Consistency.MaxSiblings}), linearizable: {Verdict}, latency {Latency}";
}
