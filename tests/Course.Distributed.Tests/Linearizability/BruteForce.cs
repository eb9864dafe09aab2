using Course.Distributed.Linearizability;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>
/// The definition of linearizability, executed literally: some subset of the never-returned operations plus all the
/// others, in some order that respects real time, is a legal sequential run. Exponential; for histories of a few operations.
/// It uses its own sequential specifications (<see cref="Specs"/>), not the library's models.
/// </summary>
internal static class BruteForce
{
    public static bool IsLinearizable<TInput, TOutput>(
        IReadOnlyList<Operation<TInput, TOutput>> history, Func<IReadOnlyList<Operation<TInput, TOutput>>, bool> legalSequence)
    {
        var completed = history.Where(o => !o.IsPending).ToList();
        var pending = history.Where(o => o.IsPending).ToList();
        for (var mask = 0; mask < 1 << pending.Count; mask++)
        {
            var chosen = completed.Concat(pending.Where((_, i) => (mask >> i & 1) == 1)).ToList();
            if (Permutations(chosen).Any(order => RespectsRealTime(order) && legalSequence(order)))
                return true;
        }

        return false;
    }

    /// <summary>No operation comes after one that was called only after it had returned.</summary>
    public static bool RespectsRealTime<TInput, TOutput>(IReadOnlyList<Operation<TInput, TOutput>> order)
    {
        for (var i = 0; i < order.Count; i++)
        for (var j = i + 1; j < order.Count; j++)
        {
            if (order[j].Return < order[i].Call)
                return false;
        }

        return true;
    }

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }
}

/// <summary>Sequential specifications written independently of the library's models, for the brute-force oracle.</summary>
internal static class Specs
{
    public static bool RegisterRun(IReadOnlyList<Operation<RegisterInput, int>> order)
    {
        var value = 0;
        foreach (var op in order)
        {
            if (op.Input.Operation == RegisterOperation.Write)
                value = op.Input.Value;
            else if (!op.IsPending && op.Output != value)
                return false;
        }

        return true;
    }

    public static bool KeyValueRun(IReadOnlyList<Operation<KeyValueInput, string?>> order)
    {
        var store = new Dictionary<string, string>();
        foreach (var op in order)
        {
            var key = op.Input.Key;
            var old = store.GetValueOrDefault(key, "");
            switch (op.Input.Operation)
            {
                case KeyValueOperation.Get:
                    if (!op.IsPending && op.Output != old)
                        return false;
                    break;
                case KeyValueOperation.Put:
                    store[key] = op.Input.Value;
                    break;
                default:
                    if (!op.IsPending && op.Output is not null && op.Output != old)
                        return false;
                    store[key] = old + op.Input.Value;
                    break;
            }
        }

        return true;
    }
}
