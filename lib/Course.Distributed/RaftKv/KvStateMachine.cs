using System.Text.Json;

namespace Course.Distributed.RaftKv;

/// <summary>
/// The replicated state: the key/value map plus, per client, the last sequence number applied and its
/// result. The duplicate table is part of the state (and of snapshots) so that every replica, and every
/// future leader, filters the same retries.
/// </summary>
public sealed class KvStateMachine
{
    private Dictionary<string, string> _data = new(StringComparer.Ordinal);
    private Dictionary<long, (long Sequence, string Result)> _lastApplied = [];

    public IReadOnlyDictionary<string, string> Data => _data;
    public long AppliedIndex { get; private set; }

    /// <summary>Applies a committed command once; a duplicate returns the result of its first execution.</summary>
    internal (KvStatus Status, string Value) Apply(long index, KvCommand c)
    {
        AppliedIndex = index;
        if (_lastApplied.TryGetValue(c.ClientId, out var last) && c.Sequence <= last.Sequence)
            return c.Sequence == last.Sequence ? (KvStatus.Ok, last.Result) : (KvStatus.Ok, ""); // an old retry
        string result;
        switch (c.Op)
        {
            case KvOp.Get:
                result = _data.GetValueOrDefault(c.Key, "");
                break;
            case KvOp.Put:
                _data[c.Key] = c.Value;
                result = "";
                break;
            default:
                _data[c.Key] = _data.GetValueOrDefault(c.Key, "") + c.Value;
                result = "";
                break;
        }
        _lastApplied[c.ClientId] = (c.Sequence, result);
        return (KvStatus.Ok, result);
    }

    internal byte[] Snapshot() => JsonSerializer.SerializeToUtf8Bytes(new SnapshotData(
        AppliedIndex, _data, _lastApplied.ToDictionary(p => p.Key, p => new LastApplied(p.Value.Sequence, p.Value.Result))));

    internal void Restore(byte[] snapshot)
    {
        var s = JsonSerializer.Deserialize<SnapshotData>(snapshot) ?? throw new InvalidDataException("Empty key/value snapshot.");
        AppliedIndex = s.AppliedIndex;
        _data = new Dictionary<string, string>(s.Data, StringComparer.Ordinal);
        _lastApplied = s.Clients.ToDictionary(p => p.Key, p => (p.Value.Sequence, p.Value.Result));
    }

    private sealed record LastApplied(long Sequence, string Result);
    private sealed record SnapshotData(long AppliedIndex, Dictionary<string, string> Data, Dictionary<long, LastApplied> Clients);
}
