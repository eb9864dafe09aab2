using Course.Distributed.Transactions.TwoPhaseCommit;
using Course.Distributed.Transactions.TwoPhaseCommit.Exercises;
using Course.Simulation;
using Course.Simulation.Exercises;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.TwoPhaseCommit;

/// <summary>The week-2 checker must pass the reference termination rule and catch each classic mistake.</summary>
public class TerminationExerciseTests(ITestOutputHelper output)
{
    private static readonly string[] ResolvableCases =
        [nameof(TerminationCase.OneVotedNo), nameof(TerminationCase.OneKnowsDecision), nameof(TerminationCase.OneNeverVoted)];

    [Fact]
    public void TheReferenceRulePassesEveryScenario()
    {
        var verdicts = TerminationExercise.Check(ReferenceTerminationRule.Instance, seeds: 5);
        Print(verdicts);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
        Assert.Equal(TerminationExercise.ScenarioNames, verdicts.Select(v => v.Scenario));
        Assert.Equal(["AllVotedYes", "OneVotedNo", "OneKnowsDecision", "OneNeverVoted", "Chaos"], TerminationExercise.ScenarioNames);
        Assert.Equal(5 * TerminationExercise.ChaosSeedsPerSeed, verdicts.Single(v => v.Scenario == "Chaos").SeedsRun);
    }

    [Fact]
    public void TheReferenceRuleWrittenAsALambdaPassesToo()
    {
        var verdicts = TerminationExercise.Check(q =>
            q.Own == ParticipantState.Committed || (q.Own == ParticipantState.InDoubt && q.Peers.Values.Contains(ParticipantState.Committed))
                ? TerminationDecision.Commit
                : q.Own != ParticipantState.InDoubt || q.Peers.Values.Contains(ParticipantState.Aborted)
                    ? TerminationDecision.Abort
                    : TerminationDecision.Blocked, seeds: 2);
        Assert.All(verdicts, v => Assert.True(v.Passed, v.ToString()));
    }

    [Fact]
    public void IfInDoubtAbortBreaksAtomicityWhenAPeerCommitted()
    {
        var verdicts = TerminationExercise.Check(q => q.Own == ParticipantState.Committed ? TerminationDecision.Commit : TerminationDecision.Abort, seeds: 3);
        Print(verdicts);
        foreach (var name in new[] { "OneKnowsDecision", "AllVotedYes" })
        {
            var v = verdicts.Single(v => v.Scenario == name);
            Assert.False(v.Passed, v.ToString());
            Assert.StartsWith("atomicity broken", v.Failure);
            Assert.Contains("not atomic", v.Failure);
        }
        // Aborting is right when the outcome is ABORT anyway: those cases pass.
        Assert.True(verdicts.Single(v => v.Scenario == "OneVotedNo").Passed);
        Assert.True(verdicts.Single(v => v.Scenario == "OneNeverVoted").Passed);
    }

    [Fact]
    public void IfInDoubtCommitBreaksAtomicityWhenAPeerVotedNo()
    {
        var verdicts = TerminationExercise.Check(q => q.Own == ParticipantState.Aborted ? TerminationDecision.Abort : TerminationDecision.Commit, seeds: 3);
        Print(verdicts);
        var no = verdicts.Single(v => v.Scenario == "OneVotedNo");
        Assert.False(no.Passed, no.ToString());
        Assert.StartsWith("atomicity broken", no.Failure);
        Assert.Equal(1, no.FirstFailingSeed);
        // Committing without a PREPARED record (the peer that never voted) loses the writes it never promised.
        var never = verdicts.Single(v => v.Scenario == "OneNeverVoted");
        Assert.False(never.Passed, never.ToString());
        Assert.StartsWith("atomicity broken", never.Failure);
    }

    [Fact]
    public void AlwaysBlockedIsSafeButFailsTheResolvableCases()
    {
        var verdicts = TerminationExercise.Check(_ => TerminationDecision.Blocked, seeds: 2);
        Print(verdicts);
        foreach (var name in ResolvableCases)
        {
            var v = verdicts.Single(v => v.Scenario == name);
            Assert.False(v.Passed, v.ToString());
            Assert.Equal(1, v.FirstFailingSeed);
            Assert.Contains("still in doubt", v.Failure);
        }
        Assert.True(verdicts.Single(v => v.Scenario == "AllVotedYes").Passed); // blocking is right there
        Assert.True(verdicts.Single(v => v.Scenario == "Chaos").Passed);       // and it is never unsafe
    }

    [Fact]
    public void GuessingCommitWhenEveryoneIsUncertainFailsTheBlockingCaseEvenThoughTheGuessIsRight()
    {
        // Right whenever someone knows; when every answer is "uncertain" it guesses COMMIT, which is what the
        // crashed coordinator logged in AllVotedYes — atomic by luck, and still wrong.
        var verdicts = TerminationExercise.Check(q =>
        {
            var reference = ReferenceTerminationRule.Instance.Decide(q);
            return reference == TerminationDecision.Blocked && q.Peers.Count > 0 && q.Peers.Values.All(s => s == ParticipantState.InDoubt)
                ? TerminationDecision.Commit
                : reference;
        }, seeds: 2);
        Print(verdicts);
        var blocking = verdicts.Single(v => v.Scenario == "AllVotedYes");
        Assert.False(blocking.Passed, blocking.ToString());
        Assert.Contains("that was a guess", blocking.Failure);
        Assert.All(ResolvableCases, name => Assert.True(verdicts.Single(v => v.Scenario == name).Passed));
    }

    [Fact]
    public void ARuleThatThrowsIsReportedNotPropagated()
    {
        var verdicts = TerminationExercise.Check(q => q.Own == ParticipantState.InDoubt ? throw new NotImplementedException("TODO") : TerminationDecision.Abort, seeds: 1);
        var v = verdicts.Single(v => v.Scenario == "AllVotedYes");
        Assert.False(v.Passed);
        Assert.Contains("the rule threw: TODO", v.Failure);
    }

    [Fact]
    public void AnUndefinedDecisionIsReported()
    {
        var verdicts = TerminationExercise.Check(_ => (TerminationDecision)42, seeds: 1);
        var v = verdicts.Single(v => v.Scenario == "OneNeverVoted");
        Assert.False(v.Passed);
        Assert.Contains("not a TerminationDecision", v.Failure);
    }

    [Theory]
    [InlineData(TerminationCase.AllVotedYes)]
    [InlineData(TerminationCase.OneVotedNo)]
    [InlineData(TerminationCase.OneKnowsDecision)]
    [InlineData(TerminationCase.OneNeverVoted)]
    public void TheExercisesRunIsTheLibrarysScenarioWithTheRulePluggedIn(TerminationCase @case)
    {
        foreach (var seed in new[] { 1, 7 })
        {
            var mine = TerminationExercise.Run(@case, seed, ReferenceTerminationRule.Instance);
            var library = TwoPhaseCommitScenarios.CoordinatorCrash(@case, seed);
            Assert.Equal(library.Cluster.Simulation.Trace.Fingerprint(), mine.Cluster.Simulation.Trace.Fingerprint());
            Assert.Equal(library.ToString(), mine.ToString());
            Assert.Equal(TerminationExercise.ExpectedOutcome(@case), mine.Final.Outcome);
        }
    }

    [Fact]
    public void TheRuleSeesItsOwnStateAndEachPeersAnswer()
    {
        var queries = new List<TerminationQuery>();
        TerminationExercise.Run(TerminationCase.OneKnowsDecision, 1, q => { queries.Add(q); return ReferenceTerminationRule.Instance.Decide(q); });
        TerminationExercise.Run(TerminationCase.OneNeverVoted, 1, q => { queries.Add(q); return ReferenceTerminationRule.Instance.Decide(q); });
        foreach (var q in queries) output.WriteLine(q.ToString());

        // In doubt, the peers are the other participants; an answer replaces "no answer" (null).
        Assert.Contains(queries, q => q.Own == ParticipantState.InDoubt && q.Peers.Values.Contains(ParticipantState.Committed));
        Assert.Contains(queries, q => q.Own == ParticipantState.InDoubt && q.Peers.Values.Contains(ParticipantState.Aborted));
        Assert.All(queries.Where(q => q.Own == ParticipantState.InDoubt), q =>
        {
            Assert.Equal(2, q.Peers.Count);
            Assert.DoesNotContain(q.Node, q.Peers.Keys);
            Assert.DoesNotContain(ParticipantState.NotPrepared, q.Peers.Values);
        });
        // Asked about a transaction it never saw, a participant consults the rule with no peers: n3 in OneNeverVoted.
        var unasked = Assert.Single(queries, q => q.Own == ParticipantState.NotPrepared);
        Assert.Equal(new NodeId(3), unasked.Node);
        Assert.Empty(unasked.Peers);
        Assert.Contains(queries, q => q.Own == ParticipantState.InDoubt && q.Peers.Values.Contains(null) && q.ToString().Contains("no answer"));
    }

    [Fact]
    public void TheReferenceRuleDecidesFromWhatSomeoneKnows()
    {
        var rule = ReferenceTerminationRule.Instance;
        TerminationDecision Decide(ParticipantState own, params ParticipantState?[] peers) =>
            rule.Decide(new TerminationQuery(1, new TransactionId(1), own,
                peers.Select((s, i) => (Node: new NodeId(i + 2), State: s)).ToDictionary(p => p.Node, p => p.State)));

        Assert.Equal(TerminationDecision.Commit, Decide(ParticipantState.InDoubt, ParticipantState.Committed, null));
        Assert.Equal(TerminationDecision.Commit, Decide(ParticipantState.InDoubt, ParticipantState.InDoubt, ParticipantState.Committed));
        Assert.Equal(TerminationDecision.Abort, Decide(ParticipantState.InDoubt, null, ParticipantState.Aborted));
        Assert.Equal(TerminationDecision.Blocked, Decide(ParticipantState.InDoubt, ParticipantState.InDoubt, ParticipantState.InDoubt));
        Assert.Equal(TerminationDecision.Blocked, Decide(ParticipantState.InDoubt, null, null));
        Assert.Equal(TerminationDecision.Blocked, Decide(ParticipantState.InDoubt));
        Assert.Equal(TerminationDecision.Abort, Decide(ParticipantState.NotPrepared));
        Assert.Equal(TerminationDecision.Commit, Decide(ParticipantState.Committed));
        Assert.Equal(TerminationDecision.Abort, Decide(ParticipantState.Aborted, ParticipantState.InDoubt));
    }

    [Fact]
    public void BadInput()
    {
        Assert.Throws<ArgumentNullException>(() => new TwoPhaseCommitOptions { TerminationRule = null! });
        Assert.Same(ReferenceTerminationRule.Instance, new TwoPhaseCommitOptions().TerminationRule);
        Assert.Throws<ArgumentNullException>(() => TerminationExercise.Check((ITerminationRule)null!));
        Assert.Throws<ArgumentNullException>(() => TerminationExercise.Check((Func<TerminationQuery, TerminationDecision>)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminationExercise.Check(ReferenceTerminationRule.Instance, seeds: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminationExercise.Run((TerminationCase)9, 1, ReferenceTerminationRule.Instance));
        Assert.Throws<ArgumentNullException>(() => TerminationExercise.Run(TerminationCase.AllVotedYes, 1, (ITerminationRule)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminationExercise.ExpectedOutcome((TerminationCase)9));
    }

    private void Print(IEnumerable<ScenarioVerdict> verdicts)
    {
        foreach (var v in verdicts) output.WriteLine(v.ToString());
    }
}
