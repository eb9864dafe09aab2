namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// What a service's local transaction did. <see cref="Changed"/> is false for a repeat — the same request
/// seen again gets the same answer and changes nothing, which is what makes the handlers idempotent.
/// </summary>
public readonly record struct StepOutcome(bool Succeeded, bool Changed, string? Reason)
{
    public static StepOutcome Done { get; } = new(true, true, null);
    public static StepOutcome AlreadyDone { get; } = new(true, false, null);
    public static StepOutcome Refused(string reason, bool changed) => new(false, changed, reason);

    public override string ToString() =>
        (Succeeded ? "done" : $"refused: {Reason}") + (Changed ? "" : " (repeat, no change)");
}
