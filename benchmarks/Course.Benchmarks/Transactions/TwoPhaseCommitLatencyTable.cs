using System.Globalization;
using Course.Distributed.Transactions.TwoPhaseCommit;
using Course.Simulation;

namespace Course.Benchmarks.Transactions;

/// <summary>
/// Two-phase commit latency in one-way network delays (L) against the theoretical minimum, on a reliable network
/// with constant latency L. One transaction touches all n participants (a debit of n−1 at n1/a, a credit of 1 at
/// each other participant's "a": <see cref="TwoPhaseCommitCluster.Transfer"/> touches only two), submitted at t = 0:
///   decided/L      — submit to the coordinator's forced decision record: PREPARE + vote = 2 L at least;
///   last part./L   — submit to the last participant's forced decision record: + the decision = 3 L at least;
///   settled/L      — until the cluster is <see cref="TwoPhaseCommitCluster.IsSettled"/>: + the acks = 4 L, and the
///                    coordinator writes END lazily, on its next 10 ms tick;
///   messages       — every message of the transaction (counted until 1 s + 10 L after it settled, so re-sends
///                    still in flight are in) against 4n (n × PREPARE, vote, decision, ack);
///   commits        — runs that committed (an abort's times are those of the ABORT decision).
/// Log forces cost no virtual time. The nodes react to a message when it is delivered; their 10 ms ticks only
/// drive re-sends and timeouts (<see cref="TwoPhaseCommitOptions"/>), which the second table shows: as L grows the
/// re-sends start, and past the vote timeout the coordinator aborts. Each row is several seeds (the seed sets
/// every node's tick phase); a range is min–max over them.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --2pc-table [seeds]
/// </summary>
public static class TwoPhaseCommitLatencyTable
{
    private static readonly TimeSpan MainLatency = TimeSpan.FromMilliseconds(10);
    private const int SweepParticipants = 4;
    private static readonly double[] SweepLatenciesMs = [1, 5, 10, 20, 25, 30, 50, 75, 100, 150];

    public static void Run(int seeds)
    {
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "At least one seed.");
        var tick = new SimulationOptions().TickInterval;
        var options = new TwoPhaseCommitOptions();
        Console.WriteLine($"2PC commit latency in one-way delays L, constant L, reliable network, seeds 1..{seeds}, node tick {Ms(tick)} ms");
        Console.WriteLine($"timers in ticks: prepare re-send {options.PrepareRetryTicks}, vote timeout {options.VoteTimeoutTicks}, decision re-send {options.DecisionRetryTicks}, in-doubt {options.InDoubtTimeoutTicks}");
        Console.WriteLine();
        Console.WriteLine($"L = {Ms(MainLatency)} ms, n participants");
        Header("n");
        for (var n = 2; n <= 8; n++)
            Row(n.ToString(CultureInfo.InvariantCulture), Enumerable.Range(1, seeds).Select(s => Measure(n, MainLatency, s)).ToArray(), n);

        Console.WriteLine();
        Console.WriteLine($"n = {SweepParticipants}, L swept: when the tick-driven timers start to matter");
        Header("L ms");
        foreach (var ms in SweepLatenciesMs)
        {
            var latency = TimeSpan.FromMilliseconds(ms);
            Row(Ms(latency), Enumerable.Range(1, seeds).Select(s => Measure(SweepParticipants, latency, s)).ToArray(), SweepParticipants);
        }
    }

    /// <summary>One transaction, times in units of L from its submission.</summary>
    private sealed record Result(bool Committed, double? Decision, double? LastCommit, double Settled, int Messages, IReadOnlyDictionary<string, int> Kinds);

    private static Result Measure(int participants, TimeSpan latency, int seed)
    {
        var cluster = new TwoPhaseCommitCluster(participants, seed, simulationOptions: new SimulationOptions
        {
            TraceMessages = false,
            Network = NetworkConditions.Reliable with { Latency = Latency.Constant(latency) },
        });
        List<BalanceChange> changes = [new("n1/a", -(participants - 1))];
        for (var i = 2; i <= participants; i++) changes.Add(new($"n{i}/a", 1));
        var tx = cluster.Submit(changes);
        if (!cluster.RunUntilSettled(TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException($"n={participants}, L={Ms(latency)} ms, seed {seed}: not settled: {cluster.Report(tx)}");
        var settled = cluster.Now;
        cluster.RunFor(TimeSpan.FromSeconds(1) + 10 * latency); // let re-sent messages still in flight land, so all are counted
        var report = cluster.Report(tx);
        if (report.Participants.Count != participants)
            throw new InvalidOperationException($"Expected {participants} participants, got {report.Participants.Count}: {report}");
        double? InL(TimeSpan? at) => at is { } t ? (t - report.SubmittedAt) / latency : null;
        var last = report.Participants.All(p => p.DecidedAt is not null) ? report.Participants.Max(p => p.DecidedAt) : null;
        return new Result(report.Outcome == TransactionOutcome.Committed, InL(report.DecidedAt), InL(last),
            (settled - report.SubmittedAt) / latency, report.MessageCount, report.Messages);
    }

    private static void Header(string first) =>
        Console.WriteLine($"{first,-6}{"commits",9}{"decided/L",12}{"min",5}{"last part./L",14}{"min",5}{"settled/L",13}{"min",5}{"messages",10}{"4n",5}  by kind");

    private static void Row(string first, Result[] results, int participants)
    {
        var committed = results.Count(r => r.Committed);
        var kinds = results.SelectMany(r => r.Kinds.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(k => $"{k} {Range(results.Select(r => (double)r.Kinds.GetValueOrDefault(k)), "F0")}");
        Console.WriteLine(
            $"{first,-6}{committed + "/" + results.Length,9}" +
            $"{Range(results.Select(r => r.Decision), "F2"),12}{2,5}" +
            $"{Range(results.Select(r => r.LastCommit), "F2"),14}{3,5}" +
            $"{Range(results.Select(r => (double?)r.Settled), "F2"),13}{4,5}" +
            $"{Range(results.Select(r => (double)r.Messages), "F0"),10}{4 * participants,5}  {string.Join(", ", kinds)}");
    }

    /// <summary>"x" when every value is the same, "min–max" otherwise, "—" when some run has none.</summary>
    private static string Range(IEnumerable<double?> values, string format)
    {
        var all = values.ToArray();
        if (all.Any(v => v is null)) return "—";
        return Range(all.Select(v => v!.Value), format);
    }

    private static string Range(IEnumerable<double> values, string format)
    {
        var all = values.ToArray();
        var (min, max) = (all.Min(), all.Max());
        var low = min.ToString(format, CultureInfo.InvariantCulture);
        var high = max.ToString(format, CultureInfo.InvariantCulture);
        return low == high ? low : $"{low}–{high}";
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture);
}
