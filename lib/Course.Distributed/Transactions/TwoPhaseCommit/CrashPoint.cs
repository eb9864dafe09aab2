namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The protocol steps at which a test or a notebook can crash a node (fail-stop: the node stops exactly there,
/// its durable log is as written so far). Each names the last thing done before the crash; the interesting
/// windows of 2PC are between a forced log write and the message it licenses.
/// </summary>
public enum CrashPoint
{
    /// <summary>Coordinator: the transaction arrived, no PREPARE sent yet.</summary>
    CoordinatorBeforePrepare,

    /// <summary>Coordinator: every PREPARE sent, no vote counted yet.</summary>
    CoordinatorAfterPrepare,

    /// <summary>Coordinator: the outcome is known (all votes, a NO, or the vote timeout), nothing logged yet.</summary>
    CoordinatorBeforeDecisionLogged,

    /// <summary>
    /// Coordinator: COMMIT or ABORT is forced to the log, not yet sent to anyone. After all-YES votes this is
    /// the blocking case: every participant is in doubt until the coordinator comes back.
    /// </summary>
    CoordinatorAfterDecisionLogged,

    /// <summary>Coordinator: the decision reached the first participant only (the termination protocol's case).</summary>
    CoordinatorAfterFirstDecisionSent,

    /// <summary>Coordinator: every acknowledgement is in, END not yet written (it will resend the decision).</summary>
    CoordinatorBeforeEnd,

    /// <summary>Participant: locks taken and the local check passed, PREPARED not yet logged.</summary>
    ParticipantBeforePrepareLogged,

    /// <summary>Participant: PREPARED forced, the YES vote not yet sent.</summary>
    ParticipantAfterPrepareLogged,

    /// <summary>Participant: YES sent (with the broken lazy log, PREPARED may not be on disk yet).</summary>
    ParticipantAfterVote,

    /// <summary>Participant: the decision is forced, not yet applied, locks still held, no ACK sent.</summary>
    ParticipantAfterDecisionLogged,

    /// <summary>Participant: decision applied, locks released, ACK sent.</summary>
    ParticipantAfterAck,
}

public static class CrashPoints
{
    public static IReadOnlyList<CrashPoint> All { get; } = Enum.GetValues<CrashPoint>();

    /// <summary>Whether the step is the coordinator's (otherwise it is a participant's).</summary>
    public static bool IsCoordinatorStep(this CrashPoint point) => point <= CrashPoint.CoordinatorBeforeEnd;
}
