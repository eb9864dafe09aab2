namespace Course.Caching.Workloads;

/// <summary>A named request trace (keys are ints) and how it was made, so a chart or a failing test can say so.</summary>
public sealed record Workload(string Name, string Description, IReadOnlyList<int> Trace)
{
    public int DistinctKeys => Trace.Distinct().Count();
    public override string ToString() => $"{Name}: {Trace.Count:N0} requests, {DistinctKeys:N0} distinct keys ({Description})";
}
