namespace Course.Distributed.Linearizability;

/// <summary>
/// Random histories that are linearizable by construction: every operation gets a linearization point inside its
/// interval, the operations run one at a time in the order of their points, and each records the output it got.
/// Clients overlap freely; each client runs one operation at a time. For tests, benchmarks and notebooks.
/// </summary>
public static class HistoryGenerator
{
    /// <summary>Reads and writes of values 1..<paramref name="values"/> on one register (initially 0).</summary>
    /// <param name="neverReturned">Probability that an operation never returns (its client crashes; a new client takes its place).</param>
    public static IReadOnlyList<Operation<RegisterInput, int>> Register(
        int seed, int operations, int clients, int values = 5, double neverReturned = 0) =>
        Linearizable(
            new Random(seed), operations, clients, 0,
            r => r.Next(2) == 0 ? RegisterInput.Read : RegisterInput.Write(r.Next(1, values + 1)),
            (state, input) => input.Operation == RegisterOperation.Read ? (state, state) : (0, input.Value),
            neverReturned);

    /// <summary>Gets, puts and appends of one-letter values on keys k0..k{n-1}.</summary>
    public static IReadOnlyList<Operation<KeyValueInput, string?>> KeyValue(
        int seed, int operations, int clients, int keys, double neverReturned = 0) =>
        Linearizable(
            new Random(seed), operations, clients, KeyValueState.Empty,
            r =>
            {
                var key = $"k{r.Next(keys)}";
                var letter = ((char)('a' + r.Next(5))).ToString();
                return r.Next(10) switch
                {
                    < 4 => KeyValueInput.Get(key),
                    < 7 => KeyValueInput.Put(key, letter),
                    _ => KeyValueInput.Append(key, letter),
                };
            },
            (state, input) => input.Operation switch
            {
                KeyValueOperation.Get => (state.Get(input.Key), state),
                KeyValueOperation.Put => ((string?)null, state.Set(input.Key, input.Value)),
                _ => ((string?)null, state.Set(input.Key, state.Get(input.Key) + input.Value)),
            },
            neverReturned);

    /// <summary>The general form: <paramref name="execute"/> is the sequential object, giving each input's output and next state.</summary>
    public static IReadOnlyList<Operation<TInput, TOutput>> Linearizable<TState, TInput, TOutput>(
        Random random,
        int operations,
        int clients,
        TState initial,
        Func<Random, TInput> nextInput,
        Func<TState, TInput, (TOutput Output, TState State)> execute,
        double neverReturned = 0,
        int maxDuration = 10,
        int maxGap = 4)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(operations);
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDuration, 1);

        // The next free time of each client; the earliest one issues the next operation.
        var ready = new PriorityQueue<int, (long Time, int Client)>();
        for (var c = 0; c < clients; c++)
            ready.Enqueue(c, (random.Next(maxGap + 1), c));
        var nextClient = clients;

        var planned = new List<(int Client, TInput Input, long Call, long Return, long? Point)>(operations);
        for (var k = 0; k < operations; k++)
        {
            ready.TryDequeue(out var client, out var free);
            var call = free.Time;
            var input = nextInput(random);
            if (random.NextDouble() < neverReturned)
            {
                // Crashed: it may have taken effect at any time after its call, or never.
                long? point = random.Next(2) == 0 ? call + random.Next(2 * maxDuration + 1) : null;
                planned.Add((client, input, call, Operation<TInput, TOutput>.NeverReturned, point));
                ready.Enqueue(nextClient, (call + random.Next(1, maxDuration + 1), nextClient));
                nextClient++;
                continue;
            }

            var ret = call + random.Next(1, maxDuration + 1);
            planned.Add((client, input, call, ret, call + random.NextInt64(ret - call + 1)));
            ready.Enqueue(client, (ret + random.Next(maxGap + 1), client));
        }

        // Run the effective operations in point order (ties in either order are fine: both intervals contain the point).
        var outputs = new TOutput[planned.Count];
        var state = initial;
        foreach (var i in Enumerable.Range(0, planned.Count).Where(i => planned[i].Point is not null).OrderBy(i => planned[i].Point))
            (outputs[i], state) = execute(state, planned[i].Input);

        // An operation that never returned has no output to record, whether or not it took effect.
        return planned.Select((p, i) => new Operation<TInput, TOutput>(
            p.Client, p.Input, p.Return == Operation<TInput, TOutput>.NeverReturned ? default! : outputs[i], p.Call, p.Return)).ToList();
    }
}
