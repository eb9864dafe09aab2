using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The scenarios of the two-phase commit notebook and tests: the coordinator crashing in each of the
/// <see cref="TerminationCase"/>s (the blocking one among them), the deliberately broken participant that
/// votes before its PREPARED record is on disk, and seeded chaos (TwoPhaseCommitScenarios.Chaos.cs).
/// </summary>
public static partial class TwoPhaseCommitScenarios
{
    /// <summary>How long the coordinator stays down in the coordinator-crash scenarios unless told otherwise.</summary>
    public static readonly TimeSpan DefaultDowntime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The blocking case: three participants vote YES, the coordinator crashes right after logging COMMIT and
    /// before sending it, and stays down for <paramref name="coordinatorDowntime"/>. Every participant is in
    /// doubt and holds its locks all that time; cooperative termination cannot help, nobody knows anything.
    /// </summary>
    public static CoordinatorCrashRun Blocking(int seed = 1, TimeSpan? coordinatorDowntime = null) =>
        CoordinatorCrash(TerminationCase.AllVotedYes, seed, coordinatorDowntime);

    /// <summary>
    /// A transfer among three participants (n1/a pays 10 to n2/a and 20 to n3/a); the coordinator crashes at the
    /// step the case needs and stays down for <paramref name="coordinatorDowntime"/> (2 s by default).
    /// </summary>
    /// <param name="terminationRule">The in-doubt participants' rule (the week-2 exercise plugs the learner's in); the reference when null.</param>
    public static CoordinatorCrashRun CoordinatorCrash(TerminationCase @case, int seed = 1, TimeSpan? coordinatorDowntime = null, bool cooperativeTermination = true,
        ITerminationRule? terminationRule = null)
    {
        if (!Enum.IsDefined(@case)) throw new ArgumentOutOfRangeException(nameof(@case), @case, "Not a termination case.");
        var downtime = coordinatorDowntime ?? DefaultDowntime;
        if (downtime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(coordinatorDowntime), downtime, "The coordinator must be down for some time.");
        var cluster = new TwoPhaseCommitCluster(3, seed, options: new TwoPhaseCommitOptions
        {
            CooperativeTermination = cooperativeTermination,
            TerminationRule = terminationRule ?? ReferenceTerminationRule.Instance,
        });
        NodeId n0 = 0, n3 = 3;
        var payout = @case == TerminationCase.OneVotedNo ? 500 : 30; // n1/a holds 100: 500 is refused, a NO vote
        switch (@case)
        {
            case TerminationCase.AllVotedYes:
                cluster.CrashAt(CrashPoint.CoordinatorAfterDecisionLogged);
                break;
            case TerminationCase.OneKnowsDecision:
                cluster.CrashAt(CrashPoint.CoordinatorAfterFirstDecisionSent);
                break;
            case TerminationCase.OneVotedNo:
                cluster.CrashAt(CrashPoint.CoordinatorAfterPrepare);
                break;
            case TerminationCase.OneNeverVoted:
                cluster.BlockLink(n0, n3); // n3's PREPARE is lost ...
                cluster.CrashAt(CrashPoint.CoordinatorAfterPrepare);
                break;
        }
        var tx = cluster.Submit([new("n1/a", -payout), new("n2/a", payout / 3), new("n3/a", payout - payout / 3)]);
        cluster.RunUntil(() => !cluster.IsUp(n0), TimeSpan.FromSeconds(1));
        var crashedAt = cluster.Now;
        cluster.Heal(); // ... and the links are back, but the coordinator is down: it will not re-send
        var restartAt = crashedAt + downtime;
        cluster.RunFor(downtime - TimeSpan.FromMilliseconds(1));
        var whileDown = cluster.Report(tx);
        cluster.RunFor(restartAt - cluster.Now);
        cluster.Restart(n0);
        cluster.RunUntilSettled(TimeSpan.FromSeconds(5));
        return new CoordinatorCrashRun(@case, cluster, tx, crashedAt, restartAt, whileDown, cluster.Report(tx), cluster.AtomicityViolations());
    }

    /// <summary>
    /// The broken participant (<see cref="TwoPhaseCommitOptions.ForcePreparedBeforeVote"/> off): n2 votes YES
    /// and crashes before its lazy log reaches the disk. The coordinator commits; n1 applies the debit; n2
    /// restarts knowing nothing of the credit it promised. The checker reports the lost writes and the money
    /// that vanished.
    /// </summary>
    public static UnforcedPrepareRun UnforcedPrepare(int seed = 1)
    {
        var cluster = new TwoPhaseCommitCluster(2, seed, options: new TwoPhaseCommitOptions { ForcePreparedBeforeVote = false });
        cluster.CrashAt(CrashPoint.ParticipantAfterVote, node: 2, restartAfter: TimeSpan.FromMilliseconds(300));
        var tx = cluster.Transfer("n1/a", "n2/a", 40);
        cluster.RunUntilSettled(TimeSpan.FromSeconds(5));
        return new UnforcedPrepareRun(cluster, tx, cluster.Report(tx), cluster.AtomicityViolations());
    }
}
