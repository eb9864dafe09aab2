namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// What the participants can know when the coordinator crashes mid-protocol — and so whether the cooperative
/// termination protocol can finish the transaction without it (Bernstein, Hadzilacos &amp; Goodman §7.4).
/// </summary>
public enum TerminationCase
{
    /// <summary>Everyone voted YES and nobody heard the decision: all in doubt, blocked until the coordinator returns.</summary>
    AllVotedYes,

    /// <summary>One participant voted NO (insufficient funds): it aborted on its own and tells the others.</summary>
    OneVotedNo,

    /// <summary>The COMMIT reached one participant before the crash: it tells the others.</summary>
    OneKnowsDecision,

    /// <summary>One participant never got the PREPARE: asked, it aborts unilaterally (it may, not having voted) and tells the others.</summary>
    OneNeverVoted,
}
