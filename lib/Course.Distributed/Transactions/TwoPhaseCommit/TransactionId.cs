namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// A transaction's global name (the XID of X/Open XA). The client — here the harness — chooses it, so it is
/// unique across coordinator restarts: a coordinator that reused an id after a crash would confuse a new
/// transaction with one it presumed aborted.
/// </summary>
public readonly record struct TransactionId(long Value) : IComparable<TransactionId>
{
    public int CompareTo(TransactionId other) => Value.CompareTo(other.Value);
    public override string ToString() => $"T{Value}";
}
