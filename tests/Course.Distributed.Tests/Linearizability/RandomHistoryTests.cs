using Course.Distributed.Linearizability;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>
/// The checker against the definition: random histories from real sequential runs must pass; with outputs mutated,
/// the verdict must match a brute-force search over all orders. Seeds are fixed and printed; a failure names its seed.
/// </summary>
public class RandomHistoryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public void RegisterHistoriesFromSequentialRunsAreLinearizable()
    {
        const int seeds = 300;
        for (var seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed);
            var history = HistoryGenerator.Register(seed, random.Next(1, 60), random.Next(1, 6), values: 3, neverReturned: 0.05);
            var result = LinearizabilityChecker.Check(new RegisterModel(), history, Budget);

            Assert.True(result.Outcome == CheckOutcome.Ok, $"seed {seed}: {result.Explain()}\n{Dump(history)}");
            AssertWitnesses(history, result, Specs.RegisterRun, seed);
        }

        output.WriteLine($"seeds 0..{seeds - 1}: all linearizable, as generated");
    }

    [Fact]
    public void KeyValueHistoriesFromSequentialRunsAreLinearizable()
    {
        const int seeds = 200;
        for (var seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed);
            var history = HistoryGenerator.KeyValue(seed, random.Next(1, 100), random.Next(1, 6), random.Next(1, 5), neverReturned: 0.05);
            var result = LinearizabilityChecker.Check(new KeyValueModel(), history, Budget);

            Assert.True(result.Outcome == CheckOutcome.Ok, $"seed {seed}: {result.Explain()}\n{Dump(history)}");
            AssertWitnesses(history, result, Specs.KeyValueRun, seed);
        }

        output.WriteLine($"seeds 0..{seeds - 1}: all linearizable, as generated");
    }

    [Fact]
    public void MutatedRegisterHistoriesAgreeWithBruteForce()
    {
        var verdicts = CrossCheck(
            seeds: 600,
            seed =>
            {
                var random = new Random(seed);
                var history = HistoryGenerator.Register(seed, random.Next(1, 8), random.Next(1, 4), values: 2, neverReturned: 0.15).ToList();
                for (var i = 0; i < history.Count; i++)
                {
                    var op = history[i];
                    if (!op.IsPending && op.Input.Operation == RegisterOperation.Read && random.NextDouble() < 0.3)
                        history[i] = new Operation<RegisterInput, int>(op.ClientId, op.Input, random.Next(3), op.Call, op.Return);
                }

                return history;
            },
            new RegisterModel(),
            Specs.RegisterRun);
        AssertBothVerdictsCommon(verdicts);
    }

    [Fact]
    public void MutatedKeyValueHistoriesAgreeWithBruteForce()
    {
        string[] seen = ["", "a", "b", "ab", "ba", "aa"];
        var verdicts = CrossCheck(
            seeds: 500,
            seed =>
            {
                var random = new Random(seed);
                var history = HistoryGenerator.KeyValue(seed, random.Next(1, 8), random.Next(1, 4), keys: 2, neverReturned: 0.15).ToList();
                for (var i = 0; i < history.Count; i++)
                {
                    var op = history[i];
                    if (!op.IsPending && op.Input.Operation == KeyValueOperation.Get && random.NextDouble() < 0.3)
                        history[i] = new Operation<KeyValueInput, string?>(op.ClientId, op.Input, seen[random.Next(seen.Length)], op.Call, op.Return);
                }

                return history;
            },
            new KeyValueModel(),
            Specs.KeyValueRun);
        AssertBothVerdictsCommon(verdicts);
    }

    [Fact]
    public void PartitioningPerKeyGivesTheSameVerdictAsNone()
    {
        const int seeds = 300;
        var illegal = 0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed);
            var history = HistoryGenerator.KeyValue(seed, random.Next(1, 16), random.Next(1, 5), keys: 3, neverReturned: 0.1).ToList();
            var i = random.Next(history.Count);
            if (!history[i].IsPending && random.Next(2) == 0)
                history[i] = new Operation<KeyValueInput, string?>(history[i].ClientId, KeyValueInput.Get(history[i].Input.Key), "b", history[i].Call, history[i].Return);

            var partitioned = LinearizabilityChecker.Check(new KeyValueModel(), history, Budget);
            var whole = LinearizabilityChecker.Check(new KeyValueModel().WithoutPartitioning(), history, Budget);

            Assert.True(partitioned.Outcome == whole.Outcome, $"seed {seed}: per key {partitioned.Outcome}, whole {whole.Outcome}\n{Dump(history)}");
            Assert.NotEqual(CheckOutcome.Unknown, whole.Outcome);
            illegal += whole.Outcome == CheckOutcome.Illegal ? 1 : 0;
        }

        output.WriteLine($"seeds 0..{seeds - 1}: {seeds - illegal} Ok, {illegal} Illegal, partitioned and whole agree");
        Assert.InRange(illegal, seeds / 10, seeds - seeds / 10);
    }

    [Fact]
    public void LongHistoriesGiveTheSameVerdictPartitionedOrWhole()
    {
        // Hundreds of operations in one partition: the search's memo keys span several 64-bit words.
        const int seeds = 40;
        var illegal = 0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed);
            var history = HistoryGenerator.KeyValue(seed, random.Next(100, 250), clients: 3, keys: 3, neverReturned: 0.02).ToList();
            var i = random.Next(history.Count);
            if (!history[i].IsPending && random.Next(2) == 0)
                history[i] = new Operation<KeyValueInput, string?>(history[i].ClientId, KeyValueInput.Get(history[i].Input.Key), "b", history[i].Call, history[i].Return);

            var partitioned = LinearizabilityChecker.Check(new KeyValueModel(), history, Budget);
            var whole = LinearizabilityChecker.Check(new KeyValueModel().WithoutPartitioning(), history, Budget);

            Assert.True(partitioned.Outcome == whole.Outcome, $"seed {seed}: per key {partitioned.Outcome}, whole {whole.Outcome}\n{Dump(history)}");
            Assert.NotEqual(CheckOutcome.Unknown, whole.Outcome);
            if (whole.Outcome == CheckOutcome.Ok)
                AssertWitnesses(history, whole, Specs.KeyValueRun, seed);
            illegal += whole.Outcome == CheckOutcome.Illegal ? 1 : 0;
        }

        output.WriteLine($"seeds 0..{seeds - 1}: {seeds - illegal} Ok, {illegal} Illegal, partitioned and whole agree");
        Assert.InRange(illegal, 1, seeds - 1);
    }

    private (int Ok, int Illegal) CrossCheck<TState, TInput, TOutput>(
        int seeds,
        Func<int, IReadOnlyList<Operation<TInput, TOutput>>> generate,
        Model<TState, TInput, TOutput> model,
        Func<IReadOnlyList<Operation<TInput, TOutput>>, bool> spec)
    {
        var (ok, illegal) = (0, 0);
        for (var seed = 0; seed < seeds; seed++)
        {
            var history = generate(seed);
            Assert.InRange(history.Count, 1, 7);
            var expected = BruteForce.IsLinearizable(history, spec);
            var result = LinearizabilityChecker.Check(model, history, Budget);

            Assert.True(
                result.Outcome == (expected ? CheckOutcome.Ok : CheckOutcome.Illegal),
                $"seed {seed}: brute force says {(expected ? "linearizable" : "not linearizable")}, checker {result.Explain()}\n{Dump(history)}");
            if (expected)
            {
                ok++;
                AssertWitnesses(history, result, spec, seed);
            }
            else
            {
                illegal++;
                AssertCounterexampleIsSound(history, result.Counterexample!, spec, seed);
            }
        }

        output.WriteLine($"seeds 0..{seeds - 1}: {ok} Ok, {illegal} Illegal, all as brute force says");
        return (ok, illegal);
    }

    /// <summary>Each partition's linearization, checked on the partition's own operations.</summary>
    private static void AssertWitnesses<TInput, TOutput>(
        IReadOnlyList<Operation<TInput, TOutput>> history, LinearizabilityResult<TInput, TOutput> result,
        Func<IReadOnlyList<Operation<TInput, TOutput>>, bool> spec, int seed)
    {
        foreach (var partition in result.Partitions)
        {
            var local = partition.Operations.ToList();
            var order = partition.Linearization.Select(i => local.IndexOf(i)).ToList();
            AssertWitness(local.Select(i => history[i]).ToList(), order, spec, seed);
        }
    }

    /// <summary>A claimed linearization really is one: every completed operation once, real-time order, a legal run.</summary>
    private static void AssertWitness<TInput, TOutput>(
        IReadOnlyList<Operation<TInput, TOutput>> history, IReadOnlyList<int> order, Func<IReadOnlyList<Operation<TInput, TOutput>>, bool> spec, int seed)
    {
        var ops = order.Select(i => history[i]).ToList();
        Assert.True(order.Distinct().Count() == order.Count, $"seed {seed}: an operation twice");
        Assert.True(
            Enumerable.Range(0, history.Count).Where(i => !history[i].IsPending).All(order.Contains),
            $"seed {seed}: a completed operation is missing from the linearization");
        Assert.True(BruteForce.RespectsRealTime(ops), $"seed {seed}: linearization breaks real-time order");
        Assert.True(spec(ops), $"seed {seed}: linearization is not a legal sequential run");
    }

    /// <summary>The prefix is a legal start, and the blocking operation can't follow it.</summary>
    private static void AssertCounterexampleIsSound<TInput, TOutput>(
        IReadOnlyList<Operation<TInput, TOutput>> history, Counterexample c, Func<IReadOnlyList<Operation<TInput, TOutput>>, bool> spec, int seed)
    {
        var prefix = c.LongestPrefix.Select(i => history[i]).ToList();
        Assert.True(spec(prefix) && BruteForce.RespectsRealTime(prefix), $"seed {seed}: the prefix is not a legal start");
        Assert.DoesNotContain(c.FirstUnlinearizable, c.LongestPrefix);
        Assert.False(history[c.FirstUnlinearizable].IsPending, $"seed {seed}: a pending operation cannot block");
        Assert.False(spec([.. prefix, history[c.FirstUnlinearizable]]), $"seed {seed}: the blocking operation could follow the prefix");
    }

    private static void AssertBothVerdictsCommon((int Ok, int Illegal) verdicts)
    {
        // A cross-check that sees only one verdict tests little.
        var total = verdicts.Ok + verdicts.Illegal;
        Assert.InRange(verdicts.Ok, total / 10, total);
        Assert.InRange(verdicts.Illegal, total / 10, total);
    }

    private static string Dump<TInput, TOutput>(IReadOnlyList<Operation<TInput, TOutput>> history) =>
        string.Join("\n", history.Select((o, i) => $"  {i}: client {o.ClientId} [{o.Call}, {(o.IsPending ? "∞" : o.Return)}] {o.Input} → {o.Output}"));
}
