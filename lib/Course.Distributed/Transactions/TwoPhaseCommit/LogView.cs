namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// What a node's durable log says, read without running the node: which transactions it prepared, every
/// decision it logged (more than one for a transaction would be a bug), and — for a participant — the
/// committed balances obtained by redoing the after-images in log order, exactly as its recovery does.
/// </summary>
internal sealed class LogView
{
    private LogView() { }

    public Dictionary<TransactionId, LogRecord.Prepared> Prepared { get; } = [];
    public Dictionary<TransactionId, List<TransactionOutcome>> Decisions { get; } = [];
    public Dictionary<string, long> Balances { get; } = new(StringComparer.Ordinal);

    public static LogView Of(IReadOnlyList<LogRecord> records, IReadOnlyDictionary<string, long> initialBalances)
    {
        var view = new LogView();
        foreach (var (account, balance) in initialBalances) view.Balances[account] = balance;
        foreach (var record in records)
        {
            switch (record)
            {
                case LogRecord.Prepared p:
                    view.Prepared.TryAdd(p.Transaction, p);
                    break;
                case LogRecord.Decision d:
                    if (!view.Decisions.TryGetValue(d.Transaction, out var list)) view.Decisions[d.Transaction] = list = [];
                    list.Add(d.Outcome);
                    if (list.Count == 1 && d.Outcome == TransactionOutcome.Committed && view.Prepared.TryGetValue(d.Transaction, out var prepared))
                        foreach (var w in prepared.Writes) view.Balances[w.Account] = w.Balance;
                    break;
            }
        }
        return view;
    }

    public TransactionOutcome? DecisionOf(TransactionId tx) => Decisions.TryGetValue(tx, out var list) ? list[0] : null;

    public ParticipantState StateOf(TransactionId tx) => DecisionOf(tx) switch
    {
        TransactionOutcome.Committed => ParticipantState.Committed,
        TransactionOutcome.Aborted => ParticipantState.Aborted,
        _ => Prepared.ContainsKey(tx) ? ParticipantState.InDoubt : ParticipantState.NotPrepared,
    };

    public IEnumerable<TransactionId> Transactions => Prepared.Keys.Concat(Decisions.Keys).Distinct();
}
