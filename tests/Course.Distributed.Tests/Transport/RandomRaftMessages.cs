using System.Text;
using Course.Distributed.Raft;
using Course.Simulation;

namespace Course.Distributed.Tests.Transport;

/// <summary>Random Raft messages of every type, with the edge values a codec gets wrong (negatives, extremes, Unicode, empty).</summary>
internal sealed class RandomRaftMessages(int seed)
{
    private readonly Random _random = new(seed);

    public RaftMessage Next() => _random.Next(6) switch
    {
        0 => new RequestVote(Long(), Node(), Long(), Long(), Bool()),
        1 => new RequestVoteReply(Long(), Bool(), Bool()),
        2 => NextAppendEntries(),
        3 => new AppendEntriesReply(Long(), Bool(), Long(), Long(), Long(), Long()),
        4 => new InstallSnapshot(Long(), Node(), Long(), Long(), Blob()),
        _ => new InstallSnapshotReply(Long(), Long()),
    };

    private AppendEntries NextAppendEntries()
    {
        var prev = _random.Next(3) == 0 ? Long() : _random.Next(0, 1000);
        var entries = new List<LogEntry>();
        var index = prev;
        for (var i = _random.Next(6) == 0 ? 0 : _random.Next(1, 12); i > 0; i--)
        {
            index += _random.Next(5) == 0 ? _random.Next(-3, 10) : 1; // mostly consecutive, as Raft sends them
            entries.Add(new LogEntry(index, Long(), Text()));
        }
        return new AppendEntries(Long(), Node(), prev, Long(), entries, Long());
    }

    private long Long() => _random.Next(8) switch
    {
        0 => -1,
        1 => 0,
        2 => long.MaxValue,
        3 => long.MinValue,
        4 => _random.NextInt64(),
        5 => -_random.NextInt64(1, 1_000_000),
        _ => _random.Next(0, 300),
    };

    private NodeId Node() => _random.Next(4) == 0 ? new NodeId(_random.Next(int.MinValue, int.MaxValue)) : new NodeId(_random.Next(0, 9));

    private bool Bool() => _random.Next(2) == 1;

    private byte[] Blob()
    {
        var data = new byte[_random.Next(4) == 0 ? 0 : _random.Next(1, 4096)];
        _random.NextBytes(data);
        return data;
    }

    private string Text()
    {
        string[] pieces = ["", "x=1", "set k v", "ключ", "鍵", "🔑", " ", "\0", "a\tb\nc"];
        var text = new StringBuilder();
        for (var i = _random.Next(4); i > 0; i--) text.Append(pieces[_random.Next(pieces.Length)]);
        if (_random.Next(10) == 0) text.Append('z', _random.Next(200, 2000));
        return text.ToString();
    }

    /// <summary>Field-by-field equality (records compare lists and arrays by reference).</summary>
    public static bool Same(RaftMessage a, RaftMessage b) => (a, b) switch
    {
        (AppendEntries x, AppendEntries y) => x with { Entries = [] } == y with { Entries = [] } && x.Entries.SequenceEqual(y.Entries),
        (InstallSnapshot x, InstallSnapshot y) => x with { Data = [] } == y with { Data = [] } && x.Data.AsSpan().SequenceEqual(y.Data),
        _ => a.Equals(b),
    };
}
