using BenchmarkDotNet.Attributes;
using Course.Distributed.Hashing;

namespace Course.Benchmarks.Hashing;

/// <summary>
/// Lookup cost of the consistent-hashing schemes side by side, on keys already hashed (so the figure is the
/// scheme, not the string hash). Targets on the course machine: jump &lt; 20 ns/op, ring &lt; 100 ns/op.
/// Expected shape: Maglev O(1) (one table read), jump O(ln n), ring O(log(n·v)) with cache misses once
/// its n·v points outgrow the cache, rendezvous O(n) (Thaler &amp; Ravishankar's price for needing no state).
/// </summary>
public class HashingLookupBenchmarks
{
    private const int Batch = 1024;

    [Params(10, 1000)]
    public int Nodes { get; set; }

    private ulong[] keys = [];
    private ConsistentHashRing ring = null!;
    private JumpConsistentHash jump = null!;
    private RendezvousHashing rendezvous = null!;
    private MaglevHashing maglev = null!;

    [GlobalSetup]
    public void Setup()
    {
        var nodes = Enumerable.Range(0, Nodes).Select(i => $"node-{i}").ToArray();
        keys = KeyHash.SampleKeys(Batch, seed: 1);
        ring = new ConsistentHashRing(nodes, virtualNodes: 100);
        jump = new JumpConsistentHash(nodes);
        rendezvous = new RendezvousHashing(nodes);
        // The paper's two table sizes, each at least 100·N.
        maglev = new MaglevHashing(nodes, Nodes * 100 <= MaglevHashing.DefaultTableSize ? MaglevHashing.DefaultTableSize : 655373);
    }

    [Benchmark(Description = "ring, 100 vnodes (binary search)", OperationsPerInvoke = Batch)]
    public int Ring()
    {
        var sum = 0;
        foreach (var k in keys) sum += ring.Locate(k).Length;
        return sum;
    }

    [Benchmark(Description = "jump", OperationsPerInvoke = Batch)]
    public int Jump()
    {
        var sum = 0;
        foreach (var k in keys) sum += jump.Locate(k).Length;
        return sum;
    }

    [Benchmark(Description = "rendezvous (HRW)", OperationsPerInvoke = Batch)]
    public int Rendezvous()
    {
        var sum = 0;
        foreach (var k in keys) sum += rendezvous.Locate(k).Length;
        return sum;
    }

    [Benchmark(Description = "Maglev", OperationsPerInvoke = Batch)]
    public int Maglev()
    {
        var sum = 0;
        foreach (var k in keys) sum += maglev.Locate(k).Length;
        return sum;
    }
}
