using System.Buffers;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Course.Distributed.Production;

/// <summary>
/// The key-value store as a DotNext state machine: the whole map in memory, and every
/// <see cref="SnapshotEvery"/> applied entries a snapshot on disk (<see cref="SimpleStateMachine"/> keeps the files
/// and lets the WAL drop the entries the snapshot covers).
/// </summary>
internal sealed class KvStateMachine(DirectoryInfo location, int snapshotEvery) : SimpleStateMachine(location)
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _applied;

    public int SnapshotEvery { get; } = snapshotEvery;

    public IReadOnlyDictionary<string, string> Copy()
    {
        lock (_lock) return new Dictionary<string, string>(_map, StringComparer.Ordinal);
    }

    public string? Get(string key)
    {
        lock (_lock) return _map.GetValueOrDefault(key);
    }

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        var payload = Flatten(entry);
        // The leader's no-op at the start of a term and configuration entries carry no command: skip them.
        if (!entry.IsConfiguration && payload.Length > 0 && KvCommand.Parse(payload) is { } set)
            lock (_lock) _map[set.Key] = set.Value;
        return new(++_applied % SnapshotEvery == 0);
    }

    protected override ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            var copy = Copy();
            w.Write(copy.Count);
            foreach (var (key, value) in copy)
            {
                w.Write(key);
                w.Write(value);
            }
        }
        return writer.Invoke(buffer.ToArray(), token);
    }

    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        var bytes = await File.ReadAllBytesAsync(snapshotFile.FullName, token).ConfigureAwait(false);
        using var r = new BinaryReader(new MemoryStream(bytes));
        var count = r.ReadInt32();
        lock (_lock)
        {
            _map.Clear();
            for (var i = 0; i < count; i++) _map[r.ReadString()] = r.ReadString();
        }
    }

    private static byte[] Flatten(in LogEntry entry)
    {
        if (entry.TryGetPayload(out var sequence)) return sequence.ToArray();
        var writer = new ArrayBufferWriter<byte>();
        foreach (var chunk in entry.GetPayload()) writer.Write(chunk.Span);
        return writer.WrittenSpan.ToArray();
    }
}
