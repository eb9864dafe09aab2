namespace Course.Distributed.Linearizability;

/// <summary>Turns a checked history into bars: one lane per client, counterexample operations marked.</summary>
internal static class TimelineBuilder
{
    public static LinearizabilityTimeline Build<TInput, TOutput>(LinearizabilityResult<TInput, TOutput> result)
    {
        var history = result.History;
        var finite = history.SelectMany(o => o.IsPending ? [o.Call] : new[] { o.Call, o.Return }).ToList();
        var start = finite.Count == 0 ? 0 : finite.Min();
        var end = finite.Count == 0 ? 0 : finite.Max();

        var role = new TimelineRole[history.Count];
        var order = new int?[history.Count];
        var partitionOf = new string[history.Count];
        foreach (var p in result.Partitions)
        {
            foreach (var i in p.Operations)
                partitionOf[i] = p.Key;
            for (var k = 0; k < p.Linearization.Count; k++)
                order[p.Linearization[k]] = k;
            if (p.Counterexample is { } c)
            {
                foreach (var i in c.LongestPrefix)
                    role[i] = TimelineRole.Prefix;
                foreach (var i in c.OtherCandidates)
                    role[i] = TimelineRole.Candidate;
                role[c.FirstUnlinearizable] = TimelineRole.FirstUnlinearizable;
            }
        }

        var bars = history.Select((o, i) => new TimelineBar(
            i, o.ClientId, o.Call, o.IsPending ? Math.Max(end, o.Call) : o.Return, o.IsPending,
            result.Describe(i), partitionOf[i], role[i], order[i])).ToList();
        var clients = history.Select(o => o.ClientId).Distinct().Order().ToList();
        var summary = result.Outcome switch
        {
            CheckOutcome.Ok => "Linearizable",
            CheckOutcome.Illegal => $"Not linearizable ({string.Join(", ", result.Counterexamples.Select(c => c.Key))})",
            _ => "Unknown (timed out)",
        };
        return new LinearizabilityTimeline(result.Outcome, summary, clients, start, end, bars);
    }
}
