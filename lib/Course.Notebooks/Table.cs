using System.Net;
using System.Text;

namespace Course.Notebooks;

/// <summary>
/// A small table that renders as HTML in a notebook and as aligned text in a console or a test
/// message. Library reports (environment, checker verdicts, benchmark rows) become one of these.
/// </summary>
public sealed class Table
{
    private readonly List<string[]> _rows = [];

    public Table(string? caption, params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        Caption = caption;
        Columns = columns;
    }

    public string? Caption { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public Table Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Expected {Columns.Count} cells ({string.Join(", ", Columns)}), got {cells.Length}.", nameof(cells));
        _rows.Add(cells.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());
        return this;
    }

    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"course-table\">");
        if (Caption is not null) html.Append("<caption>").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var c in Columns) html.Append("<th style=\"text-align:left\">").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in _rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td style=\"text-align:left\">").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    public override string ToString()
    {
        var widths = Columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        if (Caption is not null) text.AppendLine(Caption);
        text.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        return text.ToString();
    }
}
