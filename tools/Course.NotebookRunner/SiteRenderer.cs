using System.Globalization;
using System.Text;

namespace Course.NotebookRunner;

/// <summary>Writes the static site: index.html with the summary table, one page per notebook, and the
/// shared plotly.min.js. Everything works offline from file://.</summary>
public sealed class SiteRenderer(string siteDirectory, string courseTitle)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string SiteDirectory { get; } = Path.GetFullPath(siteDirectory);

    /// <summary>Renders each result's executed notebook (or, when the kernel wrote none, its source).</summary>
    public SiteReport Render(IReadOnlyList<NotebookResult> results, TimeSpan total)
    {
        Directory.CreateDirectory(SiteDirectory);

        // First pass: take the inline plotly.js out of every output, so we know before writing any
        // page whether the shared script exists.
        string? plotly = null;
        var notebooks = new List<ExecutedNotebook>();
        foreach (var result in results)
        {
            var notebook = ExecutedNotebook.Load(result.ExecutedPath ?? result.Notebook.FullPath);
            notebooks.Add(StripPlotly(notebook, ref plotly));
        }

        var plotlyPath = Path.Combine(SiteDirectory, PlotlyInline.FileName);
        if (plotly is not null)
            File.WriteAllText(plotlyPath, plotly, Utf8);
        else if (File.Exists(plotlyPath))
            File.Delete(plotlyPath); // stale from an earlier run: the pages of this run do not load it

        var pageRenderer = new NotebookPageRenderer(courseTitle);
        var pages = new List<string>();
        for (var i = 0; i < results.Count; i++)
        {
            var pagePath = results[i].Notebook.OutputName;
            var file = Path.Combine(SiteDirectory, pagePath + ".html");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var scriptUrl = plotly is null ? null : RelativePrefix(pagePath) + PlotlyInline.FileName;
            File.WriteAllText(file, pageRenderer.Render(notebooks[i], results[i], pagePath, scriptUrl), Utf8);
            pages.Add(file);
        }

        var index = Path.Combine(SiteDirectory, "index.html");
        File.WriteAllText(index, RenderIndex(results, notebooks, total, plotly is not null), Utf8);
        return new SiteReport(index, pages, plotly is null ? null : plotlyPath);
    }

    /// <summary>"../" once per folder level of a page under site/, so links work from file://.</summary>
    public static string RelativePrefix(string pagePath) =>
        string.Concat(Enumerable.Repeat("../", pagePath.Count(c => c == '/')));

    public static string StatusClass(NotebookStatus status) => status.ToString().ToLowerInvariant();

    private static ExecutedNotebook StripPlotly(ExecutedNotebook notebook, ref string? plotly)
    {
        var cells = new List<NotebookCell>();
        foreach (var cell in notebook.Cells)
        {
            var outputs = new List<NotebookOutput>();
            foreach (var output in cell.Outputs)
            {
                if (output.Data is { } data && data.TryGetValue("text/html", out var html)
                    && PlotlyInline.Strip(html) is { Scripts.Count: > 0 } stripped)
                {
                    plotly ??= stripped.Scripts[0];
                    var copy = new Dictionary<string, string>(data, StringComparer.Ordinal) { ["text/html"] = stripped.Html };
                    outputs.Add(output with { Data = copy });
                }
                else
                {
                    outputs.Add(output);
                }
            }
            cells.Add(cell with { Outputs = outputs });
        }
        return notebook.WithCells(cells);
    }

    private string RenderIndex(IReadOnlyList<NotebookResult> results, IReadOnlyList<ExecutedNotebook> notebooks, TimeSpan total, bool hasPlotly)
    {
        var page = new StringBuilder();
        Html.AppendHead(page, courseTitle, SiteStyles.Css);
        page.AppendLine("</head>");
        page.AppendLine("<body>");
        page.AppendLine("<main>");
        page.AppendLine($"<h1>{Html.Escape(courseTitle)}</h1>");
        page.AppendLine($"<p>{Html.Escape(SummaryTable.Totals(results, total))}.</p>");
        if (!hasPlotly)
            page.AppendLine($"<p class=\"note\">{Html.Escape(NoPlotlyMessage)}</p>");
        page.AppendLine("<table>");
        page.AppendLine("<thead><tr><th>notebook</th><th>title</th><th>cells</th><th>seconds</th><th>status</th><th>failing cell</th><th>error</th></tr></thead>");
        page.AppendLine("<tbody>");
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var href = Html.Escape(Html.Url(result.Notebook.OutputName + ".html"));
            var failing = result.FirstError is { } error
                ? $"<a href=\"{href}#cell-{error.CellNumber}\">{error.CellNumber}</a>"
                : "";
            page.Append("<tr>");
            page.Append($"<td class=\"path\"><a href=\"{href}\">{Html.Escape(result.Notebook.RelativePath)}</a></td>");
            page.Append($"<td>{Html.Escape(notebooks[i].Title ?? "")}</td>");
            page.Append($"<td class=\"num\">{result.CellCount.ToString(CultureInfo.InvariantCulture)}</td>");
            page.Append($"<td class=\"num\">{result.SecondsText}</td>");
            page.Append($"<td class=\"{StatusClass(result.Status)}\">{Html.Escape(result.StatusText)}</td>");
            page.Append($"<td class=\"num\">{failing}</td>");
            page.Append($"<td>{Html.Escape(result.ErrorSummary)}</td>");
            page.AppendLine("</tr>");
        }
        page.AppendLine("</tbody>");
        page.AppendLine("</table>");
        page.AppendLine("</main>");
        page.AppendLine($"<footer>Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by tools/Course.NotebookRunner.</footer>");
        page.AppendLine("</body>");
        page.AppendLine("</html>");
        return page.ToString();
    }

    public const string NoPlotlyMessage =
        "No notebook carried plotly.js inline (the course bootstrap cell's output): charts in these pages will stay blank offline.";
}
