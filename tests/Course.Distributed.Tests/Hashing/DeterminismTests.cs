using Course.Distributed.Hashing;
using static Course.Distributed.Tests.Hashing.HashingRuns;

namespace Course.Distributed.Tests.Hashing;

/// <summary>A placement is a pure function of the node set and the key: the same in every process and run.</summary>
public class DeterminismTests
{
    // Pinned values (also computed by a 10-line Python transcription of KeyHash): they change only if the
    // hash changes, which would move every key of a deployed system.
    [Fact]
    public void TheHashIsPinned()
    {
        Assert.Equal(PinnedEmpty, KeyHash.Of(""));
        Assert.Equal(PinnedHello, KeyHash.Of("hello"));
        Assert.NotEqual(KeyHash.Of("hello"), KeyHash.Of("hello", seed: 1));
        Assert.Equal(KeyHash.SampleKeys(100, seed: 9), KeyHash.SampleKeys(100, seed: 9));
    }

    private const ulong PinnedEmpty = 17665956581633026203UL;
    private const ulong PinnedHello = 5938878386273073331UL;

    public static TheoryData<Func<IEnumerable<string>, INodeLocator>> Schemes => BadInputTests.Schemes;

    [Theory]
    [MemberData(nameof(Schemes))]
    public void TwoLocatorsOverTheSameNodesAgree(Func<IEnumerable<string>, INodeLocator> make)
    {
        var (a, b) = (make(Nodes(20)), make(Nodes(20)));
        foreach (var k in Keys(5_000, seed: 10)) Assert.Equal(a.Locate(k), b.Locate(k));
        Assert.Equal(a.Locate("user:42"), b.Locate("user:42"));
    }

    [Fact]
    public void RingAndRendezvousDoNotDependOnTheNodeOrder()
    {
        var shuffled = Nodes(20).Reverse().ToArray();
        foreach (var (x, y) in new (INodeLocator, INodeLocator)[]
                 {
                     (new ConsistentHashRing(Nodes(20)), new ConsistentHashRing(shuffled)),
                     (new RendezvousHashing(Nodes(20)), new RendezvousHashing(shuffled)),
                 })
            foreach (var k in Keys(5_000, seed: 11)) Assert.Equal(x.Locate(k), y.Locate(k));
    }
}
