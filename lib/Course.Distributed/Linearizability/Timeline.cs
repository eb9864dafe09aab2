namespace Course.Distributed.Linearizability;

/// <summary>What part an operation plays in the story a timeline tells.</summary>
public enum TimelineRole
{
    /// <summary>Not part of a counterexample.</summary>
    Other,

    /// <summary>In the longest linearizable prefix of an illegal partition.</summary>
    Prefix,

    /// <summary>The operation that could not be linearized after that prefix.</summary>
    FirstUnlinearizable,

    /// <summary>Another operation that could have gone next, also rejected.</summary>
    Candidate,
}

/// <summary>
/// One operation as a horizontal bar in its client's lane, from call to return.
/// An operation that never returned has <see cref="Pending"/> set and ends at the timeline's right edge.
/// </summary>
/// <param name="Order">Position in its partition's linearization (or longest prefix), if it is in it.</param>
public sealed record TimelineBar(
    int Operation,
    int ClientId,
    long Start,
    long End,
    bool Pending,
    string Label,
    string Partition,
    TimelineRole Role,
    int? Order)
{
    public bool InCounterexample => Role != TimelineRole.Other;
}

/// <summary>Plain data for a timeline chart of a checked history (porcupine's visualization, without the drawing).</summary>
/// <param name="Clients">The lanes, in order.</param>
/// <param name="Start">The earliest call.</param>
/// <param name="End">The latest finite time: where bars of operations that never returned stop.</param>
public sealed record LinearizabilityTimeline(
    CheckOutcome Outcome,
    string Summary,
    IReadOnlyList<int> Clients,
    long Start,
    long End,
    IReadOnlyList<TimelineBar> Bars);
