using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Reports and the atomicity check. Both read the nodes' durable logs (a crashed node's too), not their
/// memory: what a node has forced is what it decided, whatever it was doing when it crashed.
/// </summary>
public sealed partial class TwoPhaseCommitCluster
{
    /// <summary>The transaction as of now: decisions from the logs, times and message counts from the run.</summary>
    public TransactionReport Report(TransactionId transaction)
    {
        if (!_tracks.ContainsKey(transaction)) throw new ArgumentException($"Unknown transaction {transaction}.", nameof(transaction));
        return Reports([transaction])[0];
    }

    /// <summary>Every submitted transaction, in order.</summary>
    public IReadOnlyList<TransactionReport> Reports() => Reports(Transactions);

    private TransactionReport[] Reports(IEnumerable<TransactionId> ids)
    {
        var coordinator = LogOf(Coordinator);
        var participants = Participants.ToDictionary(p => p, LogOf);
        var live = CoordinatorOrNull;
        return ids.Select(id =>
        {
            var t = _tracks[id];
            var parts = t.Work.Keys.Order().Select(n =>
            {
                var part = t.PartOrNull(n);
                return new ParticipantReport(n, participants[n].StateOf(id), part?.PreparedAt, part?.DecidedAt,
                    part?.AcquiredAt, part?.ReleasedAt, part?.Holding ?? false, Now);
            }).ToArray();
            return new TransactionReport(id, t.Changes, t.SubmittedAt, t.Started, coordinator.DecisionOf(id), t.DecidedAt, parts,
                new SortedDictionary<string, int>(t.Messages, StringComparer.Ordinal), live?.IsCollectingVotes(id) ?? false, Now);
        }).ToArray();
    }

    /// <summary>Committed balances of every account, from the participants' logs (so also for crashed ones).</summary>
    public IReadOnlyDictionary<string, long> Balances()
    {
        var all = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in Participants)
            foreach (var (account, balance) in LogOf(p).Balances) all[account] = balance;
        return all;
    }

    /// <summary>The committed balance of <paramref name="account"/>.</summary>
    public long Balance(string account)
    {
        CheckAccount(account, nameof(account));
        return LogOf(_layout.Owner[account]).Balances[account];
    }

    /// <summary>Sum of all committed balances: equal to <see cref="InitialTotal"/> whenever no transaction is half-applied.</summary>
    public long TotalBalance => Balances().Values.Sum();

    /// <summary>How many records <paramref name="node"/> has written to its log so far (forced or flushed).</summary>
    public long LogWrites(NodeId node) => (Simulation.StorageOf(CheckNode(node, nameof(node))) as InMemoryDurableStorage)?.Writes ?? 0;

    /// <summary>The durable log of <paramref name="node"/> (readable while it is crashed).</summary>
    public IReadOnlyList<LogRecord> LogRecords(NodeId node) => WriteAheadLog.ReadAll(Simulation.StorageOf(CheckNode(node, nameof(node))));

    /// <summary>
    /// The atomic-commitment properties (Bernstein, Hadzilacos &amp; Goodman §7.2, AC1–AC2), checked on the
    /// logs: no node logs two decisions for a transaction, and no two nodes decide differently; a participant
    /// commits only what it prepared; no balance is negative. With <paramref name="requireComplete"/> (use it
    /// once the run has settled), also: nobody is in doubt, a committed transaction is committed at every one
    /// of its participants, and the money is conserved. Empty when the run was atomic.
    /// </summary>
    public IReadOnlyList<string> AtomicityViolations(bool requireComplete = true)
    {
        var problems = new List<string>();
        var coordinator = LogOf(Coordinator);
        var logs = Participants.ToDictionary(p => p, LogOf);
        var ids = _tracks.Keys.Concat(coordinator.Transactions).Concat(logs.Values.SelectMany(v => v.Transactions)).Distinct().Order();
        foreach (var id in ids)
        {
            var decided = new List<(NodeId Node, TransactionOutcome Outcome)>();
            foreach (var (node, view) in logs.Prepend(new(Coordinator, coordinator)))
            {
                if (!view.Decisions.TryGetValue(id, out var list)) continue;
                if (list.Distinct().Count() > 1) problems.Add($"{id}: {node} logged both COMMIT and ABORT");
                decided.Add((node, list[0]));
            }
            var byOutcome = decided.GroupBy(d => d.Outcome).ToArray();
            if (byOutcome.Length > 1)
                problems.Add($"{id}: not atomic — " + string.Join("; ", byOutcome.Select(g => $"{g.Key} at {string.Join(", ", g.Select(d => d.Node))}")));
            foreach (var (node, view) in logs)
                if (view.DecisionOf(id) == TransactionOutcome.Committed && !view.Prepared.ContainsKey(id))
                    problems.Add($"{id}: {node} committed without a PREPARED record — the writes it promised are lost");
            if (!requireComplete) continue;

            var members = _tracks.TryGetValue(id, out var t) ? t.Work.Keys : logs.Where(l => l.Value.Transactions.Contains(id)).Select(l => l.Key);
            foreach (var node in members.Order())
            {
                var state = logs[node].StateOf(id);
                if (state == ParticipantState.InDoubt) problems.Add($"{id}: {node} is still in doubt");
                else if (decided.Any(d => d.Outcome == TransactionOutcome.Committed) && state != ParticipantState.Committed)
                    problems.Add($"{id}: committed, but {node} is {state}");
            }
        }
        var balances = Balances();
        foreach (var (account, balance) in balances.Where(b => b.Value < 0)) problems.Add($"{account} is overdrawn: {balance}");
        if (requireComplete && balances.Values.Sum() is var total && total != InitialTotal)
            problems.Add($"money is not conserved: the accounts hold {total}, they started with {InitialTotal}");
        return problems;
    }

    private LogView LogOf(NodeId node) =>
        LogView.Of(WriteAheadLog.ReadAll(Simulation.StorageOf(node)),
            _layout.InitialBalances.TryGetValue(node, out var initial) ? initial : new Dictionary<string, long>());
}
