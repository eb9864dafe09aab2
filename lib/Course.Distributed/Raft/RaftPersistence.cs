using Course.Simulation;

namespace Course.Distributed.Raft;

/// <summary>
/// Figure 2's persistent state (currentTerm, votedFor, log[]) plus the snapshot's index and term, as bytes
/// in durable storage. Written before any reply or RPC that depends on it, so a crash never forgets a vote
/// or an acknowledged entry.
/// </summary>
internal static class RaftPersistence
{
    public const string StateKey = "raftstate";
    public const string SnapshotKey = "snapshot";

    public static void Save(IDurableStorage storage, long term, NodeId? votedFor, RaftLog log, byte[]? snapshot = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(term);
            w.Write(votedFor?.Value ?? -1);
            w.Write(log.SnapshotIndex);
            w.Write(log.SnapshotTerm);
            w.Write(log.Count);
            foreach (var e in log.Entries)
            {
                w.Write(e.Term);
                w.Write(e.Command);
            }
        }
        // The snapshot first, stamped with its index and term: if we crash between the two writes, Load sees a
        // snapshot newer than the state's and compacts the log to match (the entries it covers were committed).
        if (snapshot is not null) storage.Write(SnapshotKey, StampSnapshot(log.SnapshotIndex, log.SnapshotTerm, snapshot));
        storage.Write(StateKey, buffer.ToArray());
    }

    private static byte[] StampSnapshot(long index, long term, byte[] data)
    {
        var blob = new byte[16 + data.Length];
        BitConverter.TryWriteBytes(blob.AsSpan(0, 8), index);
        BitConverter.TryWriteBytes(blob.AsSpan(8, 8), term);
        data.CopyTo(blob, 16);
        return blob;
    }

    /// <summary>The stored snapshot, if any: its last included index and term, and the service's bytes.</summary>
    public static (long Index, long Term, byte[] Data)? LoadSnapshot(IDurableStorage storage)
    {
        var blob = storage.Read(SnapshotKey);
        if (blob is null) return null;
        return (BitConverter.ToInt64(blob, 0), BitConverter.ToInt64(blob, 8), blob[16..]);
    }

    public static (long Term, NodeId? VotedFor) Load(IDurableStorage storage, RaftLog log)
    {
        var bytes = storage.Read(StateKey);
        if (bytes is null) return (0, null);
        using var r = new BinaryReader(new MemoryStream(bytes));
        var term = r.ReadInt64();
        var voted = r.ReadInt32();
        var snapshotIndex = r.ReadInt64();
        var snapshotTerm = r.ReadInt64();
        var count = r.ReadInt32();
        var entries = new List<LogEntry>(count);
        for (var i = 1; i <= count; i++) entries.Add(new LogEntry(snapshotIndex + i, r.ReadInt64(), r.ReadString()));
        log.Restore(snapshotIndex, snapshotTerm, entries);
        if (LoadSnapshot(storage) is { } snap && snap.Index > log.SnapshotIndex) log.ResetToSnapshot(snap.Index, snap.Term);
        return (term, voted < 0 ? null : new NodeId(voted));
    }
}
