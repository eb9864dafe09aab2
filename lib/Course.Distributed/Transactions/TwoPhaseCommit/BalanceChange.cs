namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// One step of a transaction at one participant: add <paramref name="Amount"/> to <paramref name="Account"/>
/// (negative for a debit). A transfer is a debit at one participant and a credit at another.
/// </summary>
public sealed record BalanceChange(string Account, long Amount)
{
    public override string ToString() => Amount >= 0 ? $"{Account} +{Amount}" : $"{Account} {Amount}";
}

/// <summary>
/// The value an account will have if the transaction commits (a redo record, "after-image"). The PREPARED
/// log record holds these, so a participant can still commit after a crash: writes are deferred until the
/// decision (no-steal), hence the log needs no before-images.
/// </summary>
public sealed record AfterImage(string Account, long Balance)
{
    public override string ToString() => $"{Account}={Balance}";
}
