namespace Course.Distributed.Transactions.TwoPhaseCommit;

/// <summary>
/// Exclusive locks on accounts, held by transactions until their decision is applied (strict two-phase
/// locking). No waiting: a transaction that finds a key locked by another is refused at once and its
/// participant votes NO — simple, and free of deadlocks. Volatile: after a crash the participant takes the
/// locks of its in-doubt transactions again from its log.
/// </summary>
public sealed class LockTable
{
    private readonly Dictionary<string, TransactionId> _holders = new(StringComparer.Ordinal);

    /// <summary>Locks all of <paramref name="keys"/> for <paramref name="transaction"/>, or none of them. Re-entrant.</summary>
    public bool TryAcquireAll(TransactionId transaction, IEnumerable<string> keys)
    {
        var wanted = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Any(k => _holders.TryGetValue(k, out var holder) && holder != transaction)) return false;
        foreach (var key in wanted) _holders[key] = transaction;
        return true;
    }

    /// <summary>Releases every lock <paramref name="transaction"/> holds; returns how many.</summary>
    public int ReleaseAll(TransactionId transaction)
    {
        var keys = _holders.Where(kv => kv.Value == transaction).Select(kv => kv.Key).ToArray();
        foreach (var key in keys) _holders.Remove(key);
        return keys.Length;
    }

    public TransactionId? HolderOf(string key) => _holders.TryGetValue(key, out var holder) ? holder : null;

    public int Count => _holders.Count;

    /// <summary>Locked keys and their holders, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, TransactionId>> Held =>
        _holders.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
}
