namespace Course.Distributed.Linearizability;

/// <summary>Conversions between the two ways of writing a history down.</summary>
public static class History
{
    /// <summary>
    /// Pairs calls with returns. An event's position in the list is its time, so only the order matters;
    /// a call that is never matched becomes an operation that never returned.
    /// </summary>
    public static IReadOnlyList<Operation<TInput, TOutput>> FromEvents<TInput, TOutput>(IReadOnlyList<Event<TInput, TOutput>> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var open = new Dictionary<int, (int Index, Event<TInput, TOutput> Call)>();
        var closed = new HashSet<int>();
        var built = new List<(long Call, Operation<TInput, TOutput> Operation)>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"events[{i}] is null.", nameof(events));
            if (e.Kind == EventKind.Call)
            {
                if (open.ContainsKey(e.Id) || closed.Contains(e.Id))
                    throw new ArgumentException($"events[{i}] calls operation {e.Id} a second time.", nameof(events));
                open.Add(e.Id, (i, e));
            }
            else
            {
                if (!open.Remove(e.Id, out var call))
                    throw new ArgumentException($"events[{i}] returns operation {e.Id}, which was not called before.", nameof(events));
                if (call.Call.ClientId != e.ClientId)
                    throw new ArgumentException($"events[{i}] returns operation {e.Id} to client {e.ClientId}, but client {call.Call.ClientId} called it.", nameof(events));
                closed.Add(e.Id);
                built.Add((call.Index, new Operation<TInput, TOutput>(e.ClientId, call.Call.Input!, e.Output!, call.Index, i)));
            }
        }

        foreach (var (index, call) in open.Values)
            built.Add((index, Operation<TInput, TOutput>.Pending(call.ClientId, call.Input!, index)));
        return built.OrderBy(b => b.Call).Select(b => b.Operation).ToList();
    }
}
