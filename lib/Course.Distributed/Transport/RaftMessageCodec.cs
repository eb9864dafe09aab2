using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// A compact binary encoding of every Raft RPC: one tag byte, then the fields as zig-zag varints. A heartbeat
/// is about ten bytes. Entry indexes are written as deltas (consecutive entries cost one byte each), which still
/// round-trips any list exactly.
/// </summary>
public sealed class RaftMessageCodec : IMessageCodec<RaftMessage>
{
    public static RaftMessageCodec Instance { get; } = new();

    private enum Tag : byte
    {
        RequestVote = 1,
        RequestVoteReply = 2,
        AppendEntries = 3,
        AppendEntriesReply = 4,
        InstallSnapshot = 5,
        InstallSnapshotReply = 6,
    }

    public byte[] Encode(RaftMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = new WireWriter(message.SizeInBytes);
        switch (message)
        {
            case RequestVote m:
                w.Byte((byte)Tag.RequestVote).Int(m.Term).Int(m.CandidateId.Value).Int(m.LastLogIndex).Int(m.LastLogTerm).Bool(m.PreVote);
                break;
            case RequestVoteReply m:
                w.Byte((byte)Tag.RequestVoteReply).Int(m.Term).Bool(m.VoteGranted).Bool(m.PreVote);
                break;
            case AppendEntries m:
                w.Byte((byte)Tag.AppendEntries).Int(m.Term).Int(m.LeaderId.Value).Int(m.PrevLogIndex).Int(m.PrevLogTerm).Int(m.LeaderCommit);
                w.Int(m.Entries.Count);
                var previous = m.PrevLogIndex;
                foreach (var e in m.Entries)
                {
                    w.Int(e.Index - previous).Int(e.Term).String(e.Command);
                    previous = e.Index;
                }
                break;
            case AppendEntriesReply m:
                w.Byte((byte)Tag.AppendEntriesReply).Int(m.Term).Bool(m.Success).Int(m.MatchIndex).Int(m.ConflictTerm).Int(m.ConflictIndex).Int(m.LogLength);
                break;
            case InstallSnapshot m:
                w.Byte((byte)Tag.InstallSnapshot).Int(m.Term).Int(m.LeaderId.Value).Int(m.LastIncludedIndex).Int(m.LastIncludedTerm).Bytes(m.Data);
                break;
            case InstallSnapshotReply m:
                w.Byte((byte)Tag.InstallSnapshotReply).Int(m.Term).Int(m.LastIncludedIndex);
                break;
            default:
                throw new ArgumentException($"No encoding for {message.GetType().Name}.", nameof(message));
        }
        return w.ToArray();
    }

    public RaftMessage Decode(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload);
        RaftMessage message = (Tag)r.Byte() switch
        {
            Tag.RequestVote => new RequestVote(r.Int(), new NodeId(r.Int32()), r.Int(), r.Int(), r.Bool()),
            Tag.RequestVoteReply => new RequestVoteReply(r.Int(), r.Bool(), r.Bool()),
            Tag.AppendEntries => ReadAppendEntries(ref r),
            Tag.AppendEntriesReply => new AppendEntriesReply(r.Int(), r.Bool(), r.Int(), r.Int(), r.Int(), r.Int()),
            Tag.InstallSnapshot => new InstallSnapshot(r.Int(), new NodeId(r.Int32()), r.Int(), r.Int(), r.Bytes()),
            Tag.InstallSnapshotReply => new InstallSnapshotReply(r.Int(), r.Int()),
            var tag => throw new InvalidDataException($"Unknown Raft message tag {(byte)tag}."),
        };
        r.ExpectEnd();
        return message;
    }

    private static AppendEntries ReadAppendEntries(ref WireReader r)
    {
        var term = r.Int();
        var leader = new NodeId(r.Int32());
        var prevIndex = r.Int();
        var prevTerm = r.Int();
        var commit = r.Int();
        var entries = new LogEntry[r.Count(bytesPerItem: 3)]; // an entry takes at least 3 bytes: delta, term, empty string
        var index = prevIndex;
        for (var i = 0; i < entries.Length; i++)
        {
            index += r.Int();
            entries[i] = new LogEntry(index, r.Int(), r.String());
        }
        return new AppendEntries(term, leader, prevIndex, prevTerm, entries, commit);
    }
}
