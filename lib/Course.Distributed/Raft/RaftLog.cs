namespace Course.Distributed.Raft;

/// <summary>
/// The log, indexed from 1, whose prefix up to <see cref="SnapshotIndex"/> may have been compacted into a
/// snapshot (§7). Index <see cref="SnapshotIndex"/> still has a known term, which AppendEntries' consistency
/// check needs.
/// </summary>
public sealed class RaftLog
{
    private readonly List<LogEntry> _entries = [];

    public long SnapshotIndex { get; private set; }
    public long SnapshotTerm { get; private set; }
    public long LastIndex => SnapshotIndex + _entries.Count;
    public long LastTerm => _entries.Count == 0 ? SnapshotTerm : _entries[^1].Term;
    public int Count => _entries.Count;

    /// <summary>The entries still in memory (after the snapshot).</summary>
    public IReadOnlyList<LogEntry> Entries => _entries;

    /// <summary>The term of the entry at <paramref name="index"/>, or null when unknown (compacted away or beyond the end).</summary>
    public long? TermAt(long index)
    {
        if (index == SnapshotIndex) return SnapshotTerm;
        if (index < SnapshotIndex || index > LastIndex) return null;
        return _entries[(int)(index - SnapshotIndex - 1)].Term;
    }

    public LogEntry EntryAt(long index) =>
        index > SnapshotIndex && index <= LastIndex
            ? _entries[(int)(index - SnapshotIndex - 1)]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The log holds entries {SnapshotIndex + 1}..{LastIndex}.");

    public void Append(LogEntry entry)
    {
        if (entry.Index != LastIndex + 1)
            throw new InvalidOperationException($"Appending entry {entry.Index} to a log that ends at {LastIndex}.");
        _entries.Add(entry);
    }

    /// <summary>Removes the entry at <paramref name="index"/> and everything after it (a conflicting suffix, §5.3).</summary>
    public void TruncateFrom(long index)
    {
        if (index <= SnapshotIndex) throw new InvalidOperationException($"Cannot truncate at {index}: entries up to {SnapshotIndex} are in a snapshot (and committed).");
        if (index > LastIndex) return;
        _entries.RemoveRange((int)(index - SnapshotIndex - 1), (int)(LastIndex - index + 1));
    }

    /// <summary>Up to <paramref name="max"/> entries starting at <paramref name="from"/>.</summary>
    public IReadOnlyList<LogEntry> Slice(long from, int max)
    {
        if (from <= SnapshotIndex) throw new ArgumentOutOfRangeException(nameof(from), from, $"Entries up to {SnapshotIndex} are compacted.");
        if (from > LastIndex) return [];
        var start = (int)(from - SnapshotIndex - 1);
        return _entries.GetRange(start, Math.Min(max, _entries.Count - start)).ToArray();
    }

    /// <summary>The service snapshotted everything through <paramref name="index"/>: drop those entries.</summary>
    public void CompactThrough(long index)
    {
        if (index <= SnapshotIndex) return;
        if (index > LastIndex) throw new ArgumentOutOfRangeException(nameof(index), index, $"Cannot snapshot past the end of the log ({LastIndex}).");
        var term = TermAt(index)!.Value;
        _entries.RemoveRange(0, (int)(index - SnapshotIndex));
        SnapshotIndex = index;
        SnapshotTerm = term;
    }

    /// <summary>
    /// A leader's snapshot arrived (§7, InstallSnapshot step 6–7): keep our suffix if we already hold the
    /// snapshot's last entry with the same term, else discard the whole log.
    /// </summary>
    public void ResetToSnapshot(long index, long term)
    {
        if (TermAt(index) == term && index <= LastIndex)
        {
            CompactThrough(index);
            return;
        }
        _entries.Clear();
        SnapshotIndex = index;
        SnapshotTerm = term;
    }

    /// <summary>The first index holding <paramref name="term"/>, scanning back from <paramref name="from"/> (fast backtracking).</summary>
    public long FirstIndexOfTerm(long term, long from)
    {
        var i = from;
        while (i - 1 > SnapshotIndex && TermAt(i - 1) == term) i--;
        return i;
    }

    /// <summary>The last index holding <paramref name="term"/>, or null when the log has no entry of that term.</summary>
    public long? LastIndexOfTerm(long term)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Term == term) return _entries[i].Index;
            if (_entries[i].Term < term) return null; // terms only grow along the log
        }
        return null;
    }

    internal void Restore(long snapshotIndex, long snapshotTerm, IEnumerable<LogEntry> entries)
    {
        _entries.Clear();
        SnapshotIndex = snapshotIndex;
        SnapshotTerm = snapshotTerm;
        foreach (var e in entries) Append(e);
    }
}
