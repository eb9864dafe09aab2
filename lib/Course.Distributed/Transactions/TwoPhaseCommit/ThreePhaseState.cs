namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// A 3PC participant's states (Skeen 1981). The point of the extra phase: no state is adjacent to both
/// Committed and Aborted — an Uncertain participant knows nobody has committed yet, a Committable one
/// knows everyone voted YES.
/// </summary>
public enum ThreePhaseState
{
    /// <summary>Has not voted (or never heard of the transaction): may still abort on its own.</summary>
    Initial,

    /// <summary>Voted YES, no PreCommit yet.</summary>
    Uncertain,

    /// <summary>Got PreCommit: everyone voted YES.</summary>
    Committable,

    Committed,
    Aborted,
}

/// <summary>Where the 3PC coordinator can be made to crash (it stays down: 3PC must finish without it).</summary>
public enum ThreePhaseCrashPoint
{
    /// <summary>Every vote was YES; no PreCommit sent. 2PC's blocking moment.</summary>
    CoordinatorAfterVotes,

    /// <summary>PreCommit reached the first participant only.</summary>
    CoordinatorAfterFirstPreCommit,

    /// <summary>Every participant acknowledged PreCommit; DoCommit not sent.</summary>
    CoordinatorBeforeDoCommit,
}
