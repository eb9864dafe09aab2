namespace Course.Distributed.Linearizability;

/// <summary>The outcome of <see cref="LinearizabilityChecker.Check{TState, TInput, TOutput}"/>, with what a reader needs to see why.</summary>
public sealed class LinearizabilityResult<TInput, TOutput>
{
    private readonly Func<int, string> label;

    internal LinearizabilityResult(
        IReadOnlyList<Operation<TInput, TOutput>> history,
        IReadOnlyList<PartitionResult> partitions,
        Func<int, string> label,
        TimeSpan timeout,
        TimeSpan elapsed)
    {
        History = history;
        Partitions = partitions;
        this.label = label;
        Timeout = timeout;
        Elapsed = elapsed;
        Counterexamples = partitions.Where(p => p.Counterexample is not null).Select(p => p.Counterexample!).ToList();
        // One illegal partition makes the whole history illegal, whatever the others would have said (locality).
        Outcome = Counterexamples.Count > 0 ? CheckOutcome.Illegal
            : partitions.Any(p => p.Outcome == CheckOutcome.Unknown) ? CheckOutcome.Unknown
            : CheckOutcome.Ok;
    }

    public CheckOutcome Outcome { get; }

    public IReadOnlyList<Operation<TInput, TOutput>> History { get; }

    public IReadOnlyList<PartitionResult> Partitions { get; }

    /// <summary>One per illegal partition, in partition order.</summary>
    public IReadOnlyList<Counterexample> Counterexamples { get; }

    /// <summary>The first counterexample, or null unless the outcome is Illegal.</summary>
    public Counterexample? Counterexample => Counterexamples.Count > 0 ? Counterexamples[0] : null;

    public TimeSpan Timeout { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>The model's label for operation <paramref name="index"/> of the history, e.g. <c>read() → 3</c>.</summary>
    public string Describe(int index) => label(index);

    /// <summary>A few sentences on the verdict; for Illegal, each counterexample.</summary>
    public string Explain() => ResultNarrative.Explain(this);

    /// <summary>Data for drawing the history as a timeline, counterexample highlighted.</summary>
    public LinearizabilityTimeline Timeline() => TimelineBuilder.Build(this);

    public override string ToString() => Explain();
}
