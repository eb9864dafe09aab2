using System.Globalization;
using System.Text;

namespace Course.Distributed.Production;

/// <summary>One measured quantity, with a value per implementation (same order as <see cref="ComparisonReport.Results"/>).</summary>
public sealed record ComparisonRow(string Metric, IReadOnlyList<string> Values);

/// <summary>Ours and DotNext side by side: the measured scenario and what the production library adds.</summary>
public sealed record ComparisonReport(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<ProductionFeature> Features, ComparisonOptions Options)
{
    /// <summary>The figures as rows (metric × implementation), ready for a table.</summary>
    public IReadOnlyList<ComparisonRow> Rows()
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms";
        ComparisonRow Row(string metric, Func<ScenarioResult, string> value) => new(metric, Results.Select(value).ToArray());
        return
        [
            Row("Time to first leader", r => Ms(r.TimeToFirstLeader)),
            Row($"Commit latency, median ({Options.Writes} writes)", r => Ms(r.CommitLatency.Median)),
            Row("Commit latency, p95", r => Ms(r.CommitLatency.P95)),
            Row("Commit latency, max", r => Ms(r.CommitLatency.Max)),
            Row("Time to re-elect after a leader kill", r => Ms(r.TimeToReelect)),
            Row("Term: first leader → after re-election", r => $"{r.FirstTerm} → {r.ReelectedTerm}"),
            Row("Read back the last write", r => r.ReadBackMatched ? "yes" : "NO"),
            Row("Restarted leader caught up", r => r.RestartedNodeCaughtUp ? $"yes, in {Ms(r.TimeToCatchUp)}" : "NO"),
        ];
    }

    /// <summary>The figures and the feature list as Markdown, for a notebook cell.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine($"| Metric | {string.Join(" | ", Results.Select(r => r.Implementation))} |");
        md.AppendLine($"|---|{string.Concat(Results.Select(_ => "---|"))}");
        foreach (var row in Rows()) md.AppendLine($"| {row.Metric} | {string.Join(" | ", row.Values)} |");
        md.AppendLine();
        md.AppendLine($"{Options.Nodes} nodes on 127.0.0.1, election timeout {Options.ElectionTimeoutMin.TotalMilliseconds:F0}–{Options.ElectionTimeoutMax.TotalMilliseconds:F0} ms for both, durable writes on.");
        md.AppendLine();
        md.AppendLine("| Feature | DotNext | Ours |");
        md.AppendLine("|---|---|---|");
        foreach (var f in Features) md.AppendLine($"| {f.Feature} | {f.DotNext} | {f.Ours} |");
        return md.ToString();
    }

    public override string ToString() => ToMarkdown();
}
