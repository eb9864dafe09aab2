namespace Course.NotebookRunner;

/// <summary>What <see cref="SiteRenderer"/> wrote.</summary>
/// <param name="PlotlyScriptPath">The shared plotly.min.js, or null when no notebook carried plotly.js inline.</param>
public sealed record SiteReport(string IndexPath, IReadOnlyList<string> PagePaths, string? PlotlyScriptPath);
