using System.Globalization;
using System.Text;

namespace Course.NotebookRunner;

/// <summary>The plain-text table printed at the end of a run.</summary>
public static class SummaryTable
{
    public static readonly string[] Columns = ["notebook", "cells", "seconds", "status", "failing cell", "error"];

    /// <summary>Long errors are cut in the console table; the site and the executed notebook keep them whole.</summary>
    public const int MaxErrorWidth = 100;

    public static IReadOnlyList<string[]> Rows(IReadOnlyList<NotebookResult> results) =>
        results.Select(r => new[]
        {
            r.Notebook.RelativePath,
            r.CellCount.ToString(CultureInfo.InvariantCulture),
            r.SecondsText,
            r.StatusText,
            r.FirstError?.CellNumber.ToString(CultureInfo.InvariantCulture) ?? "",
            r.ErrorSummary,
        }).ToList();

    public static string Render(IReadOnlyList<NotebookResult> results, TimeSpan total)
    {
        var rows = Rows(results).Select(row =>
        {
            row[^1] = Shorten(row[^1], MaxErrorWidth);
            return row;
        }).ToList();
        var widths = Columns.Select((title, i) => rows.Select(row => row[i].Length).Append(title.Length).Max()).ToArray();
        var numeric = new[] { false, true, true, false, true, false };

        var text = new StringBuilder();
        AppendRow(text, Columns, widths, new bool[Columns.Length]);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths, numeric);
        foreach (var row in rows)
            AppendRow(text, row, widths, numeric);
        text.AppendLine(Totals(results, total));
        return text.ToString();
    }

    public static string Totals(IReadOnlyList<NotebookResult> results, TimeSpan total)
    {
        var passed = results.Count(r => r.Status == NotebookStatus.Passed);
        var failed = results.Count(r => r.Status == NotebookStatus.Failed);
        var timedOut = results.Count(r => r.Status == NotebookStatus.TimedOut);
        var seconds = total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return $"{results.Count} notebook{(results.Count == 1 ? "" : "s")}: {passed} passed, {failed} failed, {timedOut} timed out; total {seconds} s";
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths, bool[] rightAligned)
    {
        var padded = cells.Select((cell, i) => rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        text.AppendLine(string.Join("  ", padded).TrimEnd());
    }

    private static string Shorten(string text, int width) =>
        text.Length <= width ? text : text[..(width - 1)] + "…";
}
