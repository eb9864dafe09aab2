using System.Globalization;

namespace Course.NotebookRunner;

/// <summary>The outcome of one notebook: what the summary table, the site and the tests read.</summary>
/// <param name="ExecutedPath">The notebook dotnet-repl wrote; null when it wrote none (timeout, crash).</param>
/// <param name="FirstError">The first error output; null when none was recorded.</param>
/// <param name="Detail">Why it failed when no cell error explains it (timeout, exit code and output tail).</param>
public sealed record NotebookResult(
    NotebookFile Notebook,
    NotebookStatus Status,
    int CellCount,
    TimeSpan Elapsed,
    CellError? FirstError,
    string? ExecutedPath,
    string? Detail = null)
{
    public bool Passed => Status == NotebookStatus.Passed;

    public string StatusText => Status switch
    {
        NotebookStatus.Passed => "passed",
        NotebookStatus.Failed => "FAILED",
        NotebookStatus.TimedOut => "TIMED OUT",
        _ => Status.ToString(),
    };

    public string SecondsText => Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>One line saying what went wrong; empty when it passed.</summary>
    public string ErrorSummary => FirstError?.Message ?? FirstLine(Detail) ?? "";

    /// <summary>What a failing test or a log shows: the cell, the error, and any detail.</summary>
    public string Describe()
    {
        if (Passed)
            return $"{Notebook.RelativePath}: passed ({CellCount} cells, {SecondsText} s)";
        var where = FirstError is null ? "" : $" in cell {FirstError.CellNumber}";
        var text = $"{Notebook.RelativePath}: {StatusText}{where}: {ErrorSummary}";
        if (FirstError is not null && FirstError.EValue.Contains('\n'))
            text += Environment.NewLine + FirstError.EValue.TrimEnd();
        if (Detail is not null && FirstLine(Detail) != Detail)
            text += Environment.NewLine + Detail;
        return text;
    }

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].TrimEnd('\r');
}
