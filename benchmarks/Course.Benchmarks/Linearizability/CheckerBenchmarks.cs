using BenchmarkDotNet.Attributes;
using Course.Distributed.Linearizability;

namespace Course.Benchmarks.Linearizability;

/// <summary>
/// The checker on long histories generated from linearizable runs (so every check must end Ok).
/// Target: the 10,000-operation, 50-key key/value history in under a second on the course machine (2 cores).
/// </summary>
/// <remarks>
/// Not benchmarked, for its length: the same KV history checked as one object (<c>WithoutPartitioning()</c>) takes
/// about 15 s and 2.6 GB, since every interleaving of the 50 keys' concurrent operations becomes a configuration.
/// That is locality (Herlihy &amp; Wing 1990) paying off three orders of magnitude.
/// </remarks>
[MemoryDiagnoser]
public class CheckerBenchmarks
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(1);

    private IReadOnlyList<Operation<KeyValueInput, string?>> keyValue = [];
    private IReadOnlyList<Operation<RegisterInput, int>> register = [];

    [GlobalSetup]
    public void Setup()
    {
        // 10 clients, 50 keys, overlapping intervals: as a 6.5840 KV test with many clients would record.
        keyValue = HistoryGenerator.KeyValue(seed: 1, operations: 10_000, clients: 10, keys: 50);
        // One register, every operation on the same object: no partitioning to help.
        register = HistoryGenerator.Register(seed: 1, operations: 10_000, clients: 10);
        Expect(KeyValue10kOps50Keys());
        Expect(Register10kOps());
    }

    [Benchmark(Description = "KV, 10,000 ops, 10 clients, 50 keys")]
    public CheckOutcome KeyValue10kOps50Keys() => LinearizabilityChecker.Check(new KeyValueModel(), keyValue, Budget).Outcome;

    [Benchmark(Description = "register, 10,000 ops, 10 clients")]
    public CheckOutcome Register10kOps() => LinearizabilityChecker.Check(new RegisterModel(), register, Budget).Outcome;

    private static void Expect(CheckOutcome outcome)
    {
        if (outcome != CheckOutcome.Ok)
            throw new InvalidOperationException($"A generated linearizable history was judged {outcome}.");
    }
}
