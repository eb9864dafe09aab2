using Course.Distributed.Production;

namespace Course.Notebooks.Distributed;

/// <summary>The ours-vs-production comparison as two tables: what was measured, and what the library adds.</summary>
public static class ComparisonTables
{
    public static Table Measured(ComparisonReport report)
    {
        var o = report.Options;
        var table = new Table(
            $"{o.Nodes} nodes on 127.0.0.1, election timeout {o.ElectionTimeoutMin.TotalMilliseconds:F0}–{o.ElectionTimeoutMax.TotalMilliseconds:F0} ms, durable writes",
            ["metric", .. report.Results.Select(r => r.Implementation)]);
        foreach (var row in report.Rows()) table.Add([row.Metric, .. row.Values]);
        return table;
    }

    public static Table Features(ComparisonReport report)
    {
        var table = new Table("What the production library adds", "feature", "DotNext.Net.Cluster", "ours");
        foreach (var f in report.Features) table.Add(f.Feature, f.DotNext, f.Ours);
        return table;
    }
}
