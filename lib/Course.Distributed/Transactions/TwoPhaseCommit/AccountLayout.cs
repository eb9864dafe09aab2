using Course.Simulation;

namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// The bank both harnesses simulate: participants n1..nN, each holding accounts "n1/a", "n1/b", … that start
/// with the same balance. Checks its parameters by name, as the harness constructors take them.
/// </summary>
internal sealed class AccountLayout
{
    public AccountLayout(int participants, int accountsPerParticipant, long initialBalance)
    {
        if (participants is < 1 or > 26)
            throw new ArgumentOutOfRangeException(nameof(participants), participants, "Atomic commitment needs at least one participant (and these harnesses take at most 26).");
        if (accountsPerParticipant is < 1 or > 26)
            throw new ArgumentOutOfRangeException(nameof(accountsPerParticipant), accountsPerParticipant, "Each participant holds 1..26 accounts.");
        if (initialBalance < 0)
            throw new ArgumentOutOfRangeException(nameof(initialBalance), initialBalance, "Balances start at zero or more.");
        for (var i = 1; i <= participants; i++)
        {
            var node = new NodeId(i);
            var balances = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var a = 0; a < accountsPerParticipant; a++)
            {
                var account = $"{node}/{(char)('a' + a)}";
                balances[account] = initialBalance;
                Owner[account] = node;
            }
            InitialBalances[node] = balances;
        }
        InitialTotal = (long)participants * accountsPerParticipant * initialBalance;
    }

    public Dictionary<string, NodeId> Owner { get; } = new(StringComparer.Ordinal);
    public Dictionary<NodeId, IReadOnlyDictionary<string, long>> InitialBalances { get; } = [];
    public long InitialTotal { get; }

    public void CheckAccount(string account, string parameterName)
    {
        if (account is null) throw new ArgumentNullException(parameterName);
        if (!Owner.ContainsKey(account))
            throw new ArgumentException($"Unknown account '{account}': accounts are {string.Join(", ", Owner.Keys.Take(6))}{(Owner.Count > 6 ? ", …" : "")}.", parameterName);
    }

    /// <summary>A transfer as changes: a debit and a credit.</summary>
    public IReadOnlyList<BalanceChange> Transfer(string from, string to, long amount)
    {
        CheckAccount(from, nameof(from));
        CheckAccount(to, nameof(to));
        if (from == to) throw new ArgumentException("A transfer needs two different accounts.", nameof(to));
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "A transfer moves a positive amount.");
        return [new BalanceChange(from, -amount), new BalanceChange(to, amount)];
    }

    /// <summary>Checks a transaction's changes and splits them by participant.</summary>
    public IReadOnlyDictionary<NodeId, IReadOnlyList<BalanceChange>> WorkOf(IReadOnlyList<BalanceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) throw new ArgumentException("A transaction needs at least one change.", nameof(changes));
        foreach (var c in changes) CheckAccount(c?.Account ?? throw new ArgumentNullException(nameof(changes)), nameof(changes));
        return changes.GroupBy(c => Owner[c.Account]).ToDictionary(g => g.Key, g => (IReadOnlyList<BalanceChange>)g.ToArray());
    }
}
