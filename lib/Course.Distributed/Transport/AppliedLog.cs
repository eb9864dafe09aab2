using Course.Distributed.Raft;

namespace Course.Distributed.Transport;

/// <summary>One committed command as a node's state machine saw it.</summary>
public sealed record AppliedEntry(long Index, long Term, string Command);

/// <summary>
/// A node's state machine in the local cluster: the committed commands in the order Raft applied them. Written
/// on the node's thread, read by anyone; a restart clears it (the node re-applies from its log).
/// </summary>
internal sealed class AppliedLog(ChangeSignal changed)
{
    private readonly List<AppliedEntry> _entries = [];
    private readonly Lock _lock = new();

    public void Apply(ApplyMsg message)
    {
        lock (_lock)
        {
            switch (message)
            {
                case ApplyMsg.Command c:
                    _entries.Add(new AppliedEntry(c.Index, c.Term, c.Value));
                    break;
                case ApplyMsg.Snapshot s:
                    // The cluster never snapshots, but a state machine must accept one: it replaces the prefix.
                    _entries.RemoveAll(e => e.Index <= s.Index);
                    break;
            }
        }
        changed.Pulse();
    }

    public void Clear()
    {
        lock (_lock) _entries.Clear();
        changed.Pulse();
    }

    public IReadOnlyList<AppliedEntry> Entries()
    {
        lock (_lock) return _entries.ToArray();
    }

    public long LastIndex
    {
        get { lock (_lock) return _entries.Count == 0 ? 0 : _entries[^1].Index; }
    }

    /// <summary>The entry applied at <paramref name="index"/>, if any.</summary>
    public AppliedEntry? At(long index)
    {
        lock (_lock)
        {
            // Applied indexes are consecutive from the first one kept, so this is a direct lookup.
            if (_entries.Count == 0) return null;
            var offset = index - _entries[0].Index;
            return offset >= 0 && offset < _entries.Count ? _entries[(int)offset] : null;
        }
    }
}
