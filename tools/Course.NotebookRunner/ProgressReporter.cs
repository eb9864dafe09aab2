using System.Globalization;

namespace Course.NotebookRunner;

/// <summary>Plain progress lines (no cursor tricks), so CI logs read the same as a terminal.</summary>
public sealed class ProgressReporter(TextWriter log, int total)
{
    public void Starting(int index, NotebookFile notebook) =>
        Write($"{Prefix(index)} {notebook.RelativePath} …");

    public void StillRunning(int index, TimeSpan elapsed) =>
        Write($"{Prefix(index)} … still running ({Seconds(elapsed)} s)");

    public void Finished(int index, NotebookResult result)
    {
        var line = result.Status switch
        {
            NotebookStatus.Passed => $"passed: {result.CellCount} cells in {result.SecondsText} s",
            NotebookStatus.TimedOut => $"TIMED OUT: {result.ErrorSummary} ({result.CellCount} cells)",
            _ when result.FirstError is { } error =>
                $"FAILED in cell {error.CellNumber} of {result.CellCount} after {result.SecondsText} s: {error.Message}",
            _ => $"FAILED after {result.SecondsText} s ({result.CellCount} cells): {result.ErrorSummary}",
        };
        Write($"{Prefix(index)} {line}");
        if (result is { Passed: false, FirstError: null, Detail: { } detail } && detail.Contains('\n'))
        {
            foreach (var detailLine in detail.Split('\n').Skip(1))
                Write("      " + detailLine.TrimEnd('\r'));
        }
    }

    public void Note(string message) => Write(message);

    private string Prefix(int index) => $"[{index}/{total}]";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

    private void Write(string line)
    {
        log.WriteLine(line);
        log.Flush();
    }
}
