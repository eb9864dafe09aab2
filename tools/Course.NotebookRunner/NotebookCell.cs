namespace Course.NotebookRunner;

/// <summary>One cell; <paramref name="Number"/> is 1-based and counts every cell (markdown too),
/// so it matches what a reader counts in the notebook.</summary>
public sealed record NotebookCell(
    int Number,
    string CellType,
    string Source,
    IReadOnlyList<NotebookOutput> Outputs,
    int? ExecutionCount,
    string? Language)
{
    public bool IsCode => CellType == "code";
    public bool IsMarkdown => CellType == "markdown";
}
