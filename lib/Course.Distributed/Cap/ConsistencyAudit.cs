namespace Course.Distributed.Cap;

/// <summary>
/// Stale reads and lost writes, measured the same way for every store.
/// <para>
/// A read is <b>stale</b> when every value it returned was definitely overwritten before it began: some
/// write of the key began after that value's write was acknowledged, and was itself acknowledged before the
/// read began (real time only, so a linearizable store never has one).
/// </para>
/// <para>
/// An acknowledged write is <b>lost</b> when, after the network healed and the store settled, what survives
/// descends neither from it nor from any write that overlapped it in time: every later writer worked on a
/// state that lacked it (DDIA ch. 5, concurrent writes "silently discarded"). Descending is read off causal
/// histories. Overlap is excused because every register, linearizable ones included, keeps only one of two
/// writes that overlap; a write another acknowledged write had seen is not counted again, since overwriting
/// what you have seen is what a register is for. So a linearizable store loses nothing, and neither does one
/// that keeps concurrent writes as siblings.
/// </para>
/// </summary>
public sealed record ConsistencyAudit(
    int Reads,
    int StaleReads,
    int AcknowledgedWrites,
    int LostWrites,
    int SiblingReads,
    int MaxSiblings,
    IReadOnlyList<CapRequestRecord> Stale,
    IReadOnlyList<CapRequestRecord> Lost)
{
    /// <param name="records">Every request of the run, as the clients saw them.</param>
    /// <param name="finalReads">One answered read per key after the run (what the store holds in the end).</param>
    public static ConsistencyAudit Of(IReadOnlyList<CapRequestRecord> records, IReadOnlyList<CapRequestRecord> finalReads)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(finalReads);
        var reads = records.Where(r => r.Operation == CapOperation.Read && r.IsOk).ToArray();
        var acknowledged = records.Where(r => r.Operation == CapOperation.Write && r.IsOk).ToArray();
        var stale = StaleReadsOf(records, reads, acknowledged);
        var lost = LostWritesOf(records, acknowledged, finalReads);
        var siblingCounts = reads.Concat(finalReads).Select(r => r.Values.Count).DefaultIfEmpty(0);
        return new ConsistencyAudit(
            reads.Length, stale.Length, acknowledged.Length, lost.Length,
            reads.Count(r => r.Values.Count > 1), siblingCounts.Max(), stale, lost);
    }

    private static CapRequestRecord[] StaleReadsOf(IReadOnlyList<CapRequestRecord> records, CapRequestRecord[] reads, CapRequestRecord[] acknowledged)
    {
        var writerOf = records.Where(r => r.Operation == CapOperation.Write).ToDictionary(r => r.Value, StringComparer.Ordinal);
        var writesOf = acknowledged.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        // When a value's write was acknowledged: the initial "" before anything, a value never acknowledged never.
        TimeSpan AcknowledgedAt(string value) =>
            value.Length == 0 ? TimeSpan.MinValue
            : writerOf.TryGetValue(value, out var w) && w.IsOk ? w.Completed
            : TimeSpan.MaxValue;

        return reads.Where(read =>
        {
            // The latest-starting write that was acknowledged before this read began.
            var newest = writesOf.GetValueOrDefault(read.Key, []).Where(w => w.Completed < read.Call).Select(w => w.Call).DefaultIfEmpty(TimeSpan.MinValue).Max();
            var values = read.Values.Count == 0 ? [""] : read.Values;
            return newest != TimeSpan.MinValue && values.All(v => AcknowledgedAt(v) < newest);
        }).ToArray();
    }

    private static CapRequestRecord[] LostWritesOf(
        IReadOnlyList<CapRequestRecord> records, CapRequestRecord[] acknowledged, IReadOnlyList<CapRequestRecord> finalReads)
    {
        var writes = records.Where(r => r.Operation == CapOperation.Write).ToDictionary(r => r.Id);
        var seenByAnotherWrite = new HashSet<long>();
        foreach (var w in acknowledged)
            foreach (var h in w.Histories)
                foreach (var id in h.Ids)
                    if (id != w.Id) seenByAnotherWrite.Add(id);

        // Per key, every write the surviving values descend from (their own writes included).
        var survivingLine = finalReads.Where(r => r.IsOk).ToDictionary(
            r => r.Key,
            r => CausalHistory.UnionOf(r.Histories).Ids.Select(id => writes.GetValueOrDefault(id)).OfType<CapRequestRecord>().ToArray(),
            StringComparer.Ordinal);

        // A write that timed out may have landed at any time after it was sent.
        static bool Overlap(CapRequestRecord a, CapRequestRecord b) =>
            a.Call <= End(b) && b.Call <= End(a);
        static TimeSpan End(CapRequestRecord w) => w.IsOk ? w.Completed : TimeSpan.MaxValue;

        return acknowledged.Where(w =>
                !seenByAnotherWrite.Contains(w.Id)
                && survivingLine.TryGetValue(w.Key, out var line)
                && !line.Any(g => g.Id == w.Id || Overlap(g, w)))
            .ToArray();
    }
}
