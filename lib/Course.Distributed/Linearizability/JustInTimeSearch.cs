using System.Diagnostics;

namespace Course.Distributed.Linearizability;

/// <summary>What the search found in one partition, in the partition's own operation numbers.</summary>
internal sealed record SearchResult<TState>(
    CheckOutcome Outcome,
    int[] Linearization,
    int? FirstUnlinearizable,
    int[] Candidates,
    TState StateAfter,
    int Configurations);

/// <summary>
/// Wing &amp; Gong's (1993) depth-first search for a linearization, with Lowe's (2017) just-in-time linearization:
/// walk the entries in real-time order; at a call, try to linearize that operation now (the model must accept it
/// and the configuration must be new); at a return whose operation is not yet linearized, it is too late, so undo
/// the last linearization and try the next candidate. porcupine's checkSingle is the same algorithm.
/// </summary>
internal static class JustInTimeSearch
{
    private const int StepsBetweenClockReads = 1024;

    /// <param name="deadline">A <see cref="Stopwatch.GetTimestamp"/> value, or <see cref="long.MaxValue"/> for none.</param>
    public static SearchResult<TState> Run<TState, TInput, TOutput>(
        Model<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> ops, long deadline)
    {
        // Numbered in call order inside the search (LinearizedSet's compact snapshots rely on it), in the caller's order outside.
        var byCall = Enumerable.Range(0, ops.Count).OrderBy(i => ops[i].Call).ThenBy(i => i).ToArray();
        var found = Search(model, byCall.Select(i => ops[i]).ToArray(), deadline);
        int Original(int op) => byCall[op];
        return found with
        {
            Linearization = found.Linearization.Select(Original).ToArray(),
            FirstUnlinearizable = found.FirstUnlinearizable is { } blocked ? Original(blocked) : null,
            Candidates = found.Candidates.Select(Original).ToArray(),
        };
    }

    private static SearchResult<TState> Search<TState, TInput, TOutput>(
        Model<TState, TInput, TOutput> model, Operation<TInput, TOutput>[] ops, long deadline)
    {
        var n = ops.Length;
        var list = new EntryList(ops.Select(o => o.Call).ToArray(), ops.Select(o => o.Return).ToArray());
        var linearized = new LinearizedSet(n);
        var cache = new ConfigurationCache<TState>(model.StateComparer);
        var stackCall = new int[n];
        var stackState = new TState[n];
        var depth = 0;
        var state = model.Init();

        // Operations that never returned may be left out (they did not take effect): done once every completed one is in.
        var completed = ops.Count(o => !o.IsPending);
        var completedLinearized = 0;

        var best = new SearchResult<TState>(CheckOutcome.Unknown, [], null, [], state, 0);
        if (completed == 0)
            return best with { Outcome = CheckOutcome.Ok };

        var entry = list.First;
        long steps = 0;
        while (true)
        {
            if (++steps % StepsBetweenClockReads == 0 && Stopwatch.GetTimestamp() >= deadline)
                return best with { Configurations = cache.Count };
            if (entry == EntryList.End)
                throw new InvalidOperationException("Linearizability search ran past the last entry: a bug in the checker.");

            if (EntryList.IsCall(entry))
            {
                var op = EntryList.OperationOf(entry);
                var operation = ops[op];
                var (ok, next) = operation.IsPending
                    ? model.StepPending(state, operation.Input)
                    : model.Step(state, operation.Input, operation.Output);
                if (ok)
                {
                    linearized.Add(op);
                    if (cache.TryAdd(linearized, next))
                    {
                        stackCall[depth] = entry;
                        stackState[depth] = state;
                        depth++;
                        state = next;
                        list.Lift(entry);
                        if (!operation.IsPending && ++completedLinearized == completed)
                            return new SearchResult<TState>(
                                CheckOutcome.Ok, Linearization(stackCall, depth), null, [], state, cache.Count);
                        entry = list.First;
                        continue;
                    }

                    linearized.Remove(op);
                }

                entry = list.Next(entry);
            }
            else
            {
                // An operation returned and is still not linearized: too late on this path, so backtrack.
                // (Returns of pending operations sort last and are never reached: all completed ones come first.)
                if (depth > best.Linearization.Length || best.FirstUnlinearizable is null)
                    best = new SearchResult<TState>(
                        CheckOutcome.Unknown, Linearization(stackCall, depth), EntryList.OperationOf(entry),
                        CandidatesBefore(list, entry), state, 0);
                if (depth == 0)
                    return best with { Outcome = CheckOutcome.Illegal, Configurations = cache.Count };

                depth--;
                var call = stackCall[depth];
                var op = EntryList.OperationOf(call);
                state = stackState[depth];
                stackState[depth] = default!;
                linearized.Remove(op);
                list.Unlift(call);
                if (!ops[op].IsPending)
                    completedLinearized--;
                entry = list.Next(call);
            }
        }
    }

    private static int[] Linearization(int[] stackCall, int depth)
    {
        var order = new int[depth];
        for (var i = 0; i < depth; i++)
            order[i] = EntryList.OperationOf(stackCall[i]);
        return order;
    }

    // The operations that could have gone next: called before the blocking return, not yet linearized.
    private static int[] CandidatesBefore(EntryList list, int blockingReturn)
    {
        var blocked = EntryList.OperationOf(blockingReturn);
        var candidates = new List<int>();
        for (var e = list.First; e != blockingReturn; e = list.Next(e))
        {
            if (EntryList.IsCall(e) && EntryList.OperationOf(e) != blocked)
                candidates.Add(EntryList.OperationOf(e));
        }

        return candidates.ToArray();
    }
}
