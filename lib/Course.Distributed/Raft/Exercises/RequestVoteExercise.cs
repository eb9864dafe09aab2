using Course.Simulation;
using Course.Simulation.Exercises;

namespace Course.Distributed.Raft.Exercises;

/// <summary>
/// Week 1's exercise: the learner writes the RequestVote receiver rule (Figure 2). This checker plugs it into
/// real Raft nodes and runs the lab's scenarios over fixed seeds: elections must happen, no term may have
/// two leaders, and no committed entry may be lost (which is what the "up-to-date log" check protects).
/// </summary>
public static class RequestVoteExercise
{
    /// <summary>The scenarios a vote rule can break: liveness of elections and safety of committed entries.</summary>
    public static IReadOnlyList<string> ScenarioNames { get; } =
        ["InitialElection", "ReElection", "ManyElections", "FailAgree", "Rejoin", "Backup", "Persist2", "Figure8", "Figure8Unreliable"];

    public static IReadOnlyList<ScenarioVerdict> Check(IVoteRule rule, int seeds = 10)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var options = new RaftOptions { VoteRule = rule };
        return ExerciseChecker.Run(ScenarioNames, seeds, (name, seed) =>
        {
            // A scenario fails by throwing: a broken Raft property, the rule throwing inside a node, or no progress.
            try { RaftScenarios.Named(name).Run(seed, options); return null; }
            catch (Exception e) when (e is RaftCheckException or NodeFaultException or SimulationBudgetExceededException) { return FirstLine(e.Message); }
        });
    }

    /// <summary>The same, for a rule written as a lambda in a notebook cell.</summary>
    public static IReadOnlyList<ScenarioVerdict> Check(Func<RequestVote, VoterState, bool> rule, int seeds = 10) =>
        Check(new LambdaVoteRule(rule), seeds);

    private static string FirstLine(string message) => message.Split('\n')[0];

    private sealed class LambdaVoteRule(Func<RequestVote, VoterState, bool> rule) : IVoteRule
    {
        public bool Grant(RequestVote request, VoterState voter) => rule(request, voter);
    }
}
