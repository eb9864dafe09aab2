using Course.Distributed.Raft;
using Course.Distributed.Transport;

namespace Course.Distributed.Tests.Transport;

public class RaftMessageCodecTests
{
    private static readonly RaftMessageCodec Codec = RaftMessageCodec.Instance;

    [Fact]
    public void EveryMessageTypeRoundTrips()
    {
        var random = new RandomRaftMessages(seed: 20240607);
        var seen = new HashSet<Type>();
        for (var i = 0; i < 3000; i++)
        {
            var message = random.Next();
            seen.Add(message.GetType());
            var decoded = Codec.Decode(Codec.Encode(message));
            Assert.True(RandomRaftMessages.Same(message, decoded), $"#{i}: {message} came back as {decoded}");
        }
        var all = typeof(RaftMessage).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RaftMessage)) && !t.IsAbstract);
        Assert.Equal(all.OrderBy(t => t.Name), seen.OrderBy(t => t.Name));
    }

    [Fact]
    public void EveryTruncationOrExtensionIsRejected()
    {
        var random = new RandomRaftMessages(seed: 7);
        for (var i = 0; i < 300; i++)
        {
            var bytes = Codec.Encode(random.Next());
            for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 16))
                Assert.Throws<InvalidDataException>(() => Codec.Decode(bytes.AsSpan(0, cut)));
            Assert.Throws<InvalidDataException>(() => Codec.Decode([.. bytes, 0]));
        }
    }

    [Fact]
    public void GarbageIsRejectedNotCrashedOn()
    {
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            try { Codec.Decode(garbage); }
            catch (InvalidDataException) { }
        }
        Assert.Throws<InvalidDataException>(() => Codec.Decode([99]));
        // A huge entry count in a tiny frame must not allocate a huge array.
        Assert.Throws<InvalidDataException>(() => Codec.Decode([3, 2, 0, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F]));
    }

    [Fact]
    public void TheEncodingIsCompact()
    {
        Assert.True(Codec.Encode(new AppendEntries(5, 1, 120, 5, [], 118)).Length <= 10);
        Assert.True(Codec.Encode(new RequestVoteReply(5, true)).Length <= 4);
        Assert.True(Codec.Encode(new AppendEntriesReply(5, false, 0, -1, 0, 42)).Length <= 8);
        var entries = Enumerable.Range(121, 10).Select(i => new LogEntry(i, 5, "x=1")).ToArray();
        Assert.True(Codec.Encode(new AppendEntries(5, 1, 120, 5, entries, 118)).Length <= 10 + 10 * 6);
    }
}
