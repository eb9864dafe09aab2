using Course.Simulation;
using Course.Simulation.Exercises;

namespace Course.Distributed.Transactions.TwoPhaseCommit.Exercises;

/// <summary>
/// Week 2's exercise: the learner writes the in-doubt participant's termination decision (cooperative
/// termination, Bernstein, Hadzilacos &amp; Goodman §7.4) as an <see cref="ITerminationRule"/>. This checker
/// plugs it into real 2PC participants and runs the coordinator-crash scenario of every
/// <see cref="TerminationCase"/> and a slice of the seeded chaos runs over fixed seeds. Each must be atomic;
/// the cases where someone knows the outcome (a NO vote, the COMMIT, a participant that never voted) must be
/// resolved while the coordinator is down; and the case where nobody knows (all voted YES) must stay blocked
/// until it is back — guessing there is wrong even when the guess happens to be right.
/// </summary>
public static class TerminationExercise
{
    /// <summary>Chaos seeds run per seed of the termination cases: chaos reaches an in-doubt participant less often.</summary>
    public const int ChaosSeedsPerSeed = 10;

    /// <summary>The coordinator-crash scenarios (one per <see cref="TerminationCase"/>, by name), then "Chaos".</summary>
    public static IReadOnlyList<string> ScenarioNames { get; } = [.. Enum.GetNames<TerminationCase>(), "Chaos"];

    public static IReadOnlyList<ScenarioVerdict> Check(ITerminationRule rule, int seeds = 10)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var options = new TwoPhaseCommitOptions { TerminationRule = rule };
        var verdicts = new List<ScenarioVerdict>();
        foreach (var @case in Enum.GetValues<TerminationCase>())
            verdicts.Add(Verdict(@case.ToString(), seeds, seed => Judge(Run(@case, seed, rule))));
        verdicts.Add(Verdict("Chaos", seeds * ChaosSeedsPerSeed, seed => Judge(TwoPhaseCommitScenarios.Chaos(seed, options))));
        return verdicts;
    }

    /// <summary>The same, for a rule written as a lambda in a notebook cell.</summary>
    public static IReadOnlyList<ScenarioVerdict> Check(Func<TerminationQuery, TerminationDecision> rule, int seeds = 10)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Check(new LambdaTerminationRule(rule), seeds);
    }

    /// <summary>
    /// One coordinator-crash run with <paramref name="rule"/> in every participant — exactly
    /// <see cref="TwoPhaseCommitScenarios.CoordinatorCrash"/> (cooperative termination on, the default
    /// downtime) but with the rule plugged in: to look at a failing seed's trace and reports.
    /// </summary>
    public static CoordinatorCrashRun Run(TerminationCase @case, int seed, ITerminationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return TwoPhaseCommitScenarios.CoordinatorCrash(@case, seed, terminationRule: rule);
    }

    /// <summary>The same, for a rule written as a lambda.</summary>
    public static CoordinatorCrashRun Run(TerminationCase @case, int seed, Func<TerminationQuery, TerminationDecision> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Run(@case, seed, new LambdaTerminationRule(rule));
    }

    /// <summary>The outcome each case must end with (and, except in the blocking case, reach without the coordinator).</summary>
    public static TransactionOutcome ExpectedOutcome(TerminationCase @case) => @case switch
    {
        TerminationCase.AllVotedYes or TerminationCase.OneKnowsDecision => TransactionOutcome.Committed,
        TerminationCase.OneVotedNo or TerminationCase.OneNeverVoted => TransactionOutcome.Aborted,
        _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, "Not a termination case."),
    };

    private static ScenarioVerdict Verdict(string name, int seeds, Func<int, string?> judge) =>
        ExerciseChecker.RunScenario(name, seeds, seed =>
        {
            // The rule runs inside the participants: its exception arrives wrapped in the node's fault.
            try { return judge(seed) is { } failure ? FirstLine(failure) : null; }
            catch (NodeFaultException e) { return FirstLine($"the rule threw: {(e.InnerException ?? e).Message}"); }
            catch (SimulationBudgetExceededException e) { return FirstLine(e.Message); }
        });

    /// <summary>Null when the run is right: atomic, resolved if it could be, blocked if it could not.</summary>
    private static string? Judge(CoordinatorCrashRun run)
    {
        var down = run.WhileCoordinatorDown;
        if (run.Violations.Count > 0) return $"atomicity broken: {run.Violations[0]}{Culprit(run.Cluster)}";
        var expected = ExpectedOutcome(run.Case);
        if (run.Case == TerminationCase.AllVotedYes)
        {
            var guessed = down.Participants.Where(p => p.State != ParticipantState.InDoubt).ToArray();
            if (guessed.Length > 0)
                return $"{string.Join(", ", guessed.Select(p => $"{p.Node} {p.State}"))} while the coordinator was down, but every participant " +
                    "was in doubt: nobody knew the decision, so they must stay blocked — that was a guess" + Culprit(run.Cluster);
        }
        else
        {
            var stuck = down.Participants.Where(p => p.State == ParticipantState.InDoubt).Select(p => p.Node).ToArray();
            if (stuck.Length > 0)
                return $"{string.Join(", ", stuck)} still in doubt after {TwoPhaseCommitScenarios.DefaultDowntime.TotalSeconds:0} s without the coordinator, " +
                    $"though {Hint(run.Case)}: the transaction could have been {expected}";
            if (down.Outcome != expected) return $"resolved to {down.Outcome} without the coordinator; it should be {expected}";
        }
        return run.Final.Outcome == expected ? null : $"ended {run.Final.Outcome?.ToString() ?? "undecided"}; it should be {expected}";
    }

    private static string? Judge(ChaosRun run) =>
        run.Ok ? null
        : !run.Settled ? $"did not settle within {TwoPhaseCommitScenarios.SettleBudget.TotalSeconds:0} s after the faults stopped{(run.Violations.Count > 0 ? $": {run.Violations[0]}" : "")}{Culprit(run.Cluster)}"
        : $"atomicity broken: {run.Violations[0]}{Culprit(run.Cluster)}";

    private static string Hint(TerminationCase @case) => @case switch
    {
        TerminationCase.OneVotedNo => "n1 voted NO and answers Aborted",
        TerminationCase.OneKnowsDecision => "the COMMIT reached one participant, which answers Committed",
        TerminationCase.OneNeverVoted => "n3 never voted and may abort when asked",
        _ => "someone knew",
    };

    /// <summary>The first decision the rule took, as the trace noted it (with the query it was given).</summary>
    private static string Culprit(TwoPhaseCommitCluster cluster)
    {
        var trace = cluster.Simulation.Trace;
        var note = trace.Notes("decided").Where(n => n.Detail.Contains("cooperative termination", StringComparison.Ordinal))
            .Concat(trace.Notes("unilateral-commit"))
            .OrderBy(n => n.Time).Select(n => (TraceEvent?)n).FirstOrDefault();
        return note is { } n ? $" (first termination decision: {n.Node} at {n.Time.TotalMilliseconds:F0} ms, {n.Detail})" : "";
    }

    private static string FirstLine(string message) => message.Split('\n')[0];

    private sealed class LambdaTerminationRule(Func<TerminationQuery, TerminationDecision> rule) : ITerminationRule
    {
        public TerminationDecision Decide(TerminationQuery query) => rule(query);
    }
}
