namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>The decision of atomic commitment: all participants apply the transaction, or none does.</summary>
public enum TransactionOutcome { Committed, Aborted }

/// <summary>Where one participant stands on one transaction, as its durable log says.</summary>
public enum ParticipantState
{
    /// <summary>No record: it never voted YES, so under presumed abort the transaction is aborted here.</summary>
    NotPrepared,

    /// <summary>PREPARED and no decision: it voted YES, must not decide alone and keeps its locks (in doubt).</summary>
    InDoubt,

    Committed,
    Aborted,
}
