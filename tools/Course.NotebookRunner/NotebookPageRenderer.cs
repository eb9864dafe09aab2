using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace Course.NotebookRunner;

/// <summary>Renders one notebook as an HTML page: markdown through Markdig, code escaped, outputs as
/// the notebook shows them. Inline plotly.js has already been taken out by <see cref="SiteRenderer"/>.</summary>
public sealed partial class NotebookPageRenderer(string courseTitle)
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <param name="pagePath">The page's path under site/, forward slashes, without extension.</param>
    /// <param name="plotlyScriptUrl">Relative URL of the shared plotly.min.js, or null when no notebook carried it.</param>
    public string Render(ExecutedNotebook notebook, NotebookResult result, string pagePath, string? plotlyScriptUrl)
    {
        var toRoot = SiteRenderer.RelativePrefix(pagePath);
        var title = notebook.Title ?? Path.GetFileNameWithoutExtension(result.Notebook.RelativePath);
        var page = new StringBuilder();
        Html.AppendHead(page, $"{title} — {courseTitle}", SiteStyles.Css);
        // In <head>, before any chart output: the charts wait for window.Plotly, and a plain
        // script tag loads from file:// where fetch/modules would not.
        if (plotlyScriptUrl is not null)
            page.AppendLine($"<script src=\"{Html.Escape(plotlyScriptUrl)}\"></script>");
        page.AppendLine("</head>");
        page.AppendLine("<body>");
        page.AppendLine($"<nav><a href=\"{toRoot}index.html\">← {Html.Escape(courseTitle)}</a> · {Html.Escape(result.Notebook.RelativePath)}</nav>");
        page.AppendLine("<main>");
        AppendStatus(page, result);
        foreach (var cell in notebook.Cells)
            AppendCell(page, cell);
        page.AppendLine("</main>");
        page.AppendLine("</body>");
        page.AppendLine("</html>");
        return page.ToString();
    }

    /// <summary>Markdown to HTML. Math stays as its TeX source (no MathJax offline): Markdig's MathJax
    /// delimiters \( \) and \[ \] are dropped so the reader sees the formula as written.</summary>
    public static string RenderMarkdown(string markdown) =>
        MathDelimiters().Replace(Markdig.Markdown.ToHtml(markdown, Markdown), "${open}${body}${close}");

    [GeneratedRegex(@"(?<open><(?:span|div) class=""math"">\s*)\\[(\[](?<body>.*?)\\[)\]](?<close>\s*</(?:span|div)>)", RegexOptions.Singleline)]
    private static partial Regex MathDelimiters();

    private static void AppendStatus(StringBuilder page, NotebookResult result)
    {
        var css = SiteRenderer.StatusClass(result.Status);
        page.Append($"<div class=\"status {css}\"><strong>{Html.Escape(result.StatusText)}</strong>");
        if (result.Passed)
        {
            page.Append($": {result.CellCount} cells in {result.SecondsText} s");
        }
        else if (result.FirstError is { } error)
        {
            page.Append($" in <a href=\"#cell-{error.CellNumber}\">cell {error.CellNumber}</a>: {Html.Escape(error.Message)}");
        }
        else
        {
            page.Append($": {Html.Escape(result.ErrorSummary)}");
            if (result.Detail is { } detail && detail.Contains('\n'))
                page.Append($"<pre>{Html.Escape(detail)}</pre>");
            if (result.ExecutedPath is null)
                page.Append("<br>The kernel wrote no executed notebook: the cells below are shown without outputs.");
        }
        page.AppendLine("</div>");
    }

    private static void AppendCell(StringBuilder page, NotebookCell cell)
    {
        var id = $"cell-{cell.Number}";
        switch (cell.CellType)
        {
            case "markdown":
                page.AppendLine($"<section class=\"cell markdown\" id=\"{id}\">");
                page.AppendLine(RenderMarkdown(cell.Source));
                page.AppendLine("</section>");
                break;
            case "code":
                var language = Html.Escape(cell.Language ?? "csharp");
                page.AppendLine($"<section class=\"cell code\" id=\"{id}\">");
                page.AppendLine($"<div class=\"prompt\">[{cell.Number}]</div>");
                page.AppendLine($"<pre class=\"source\"><code class=\"language-{language}\">{Html.Escape(cell.Source)}</code></pre>");
                foreach (var output in cell.Outputs)
                    AppendOutput(page, output);
                page.AppendLine("</section>");
                break;
            default:
                page.AppendLine($"<section class=\"cell raw\" id=\"{id}\"><pre>{Html.Escape(cell.Source)}</pre></section>");
                break;
        }
    }

    private static void AppendOutput(StringBuilder page, NotebookOutput output)
    {
        switch (output.OutputType)
        {
            case "stream":
                var streamClass = output.StreamName == "stderr" ? " class=\"stderr\"" : "";
                page.AppendLine($"<div class=\"output\"><pre{streamClass}>{Html.Escape(output.Text)}</pre></div>");
                break;
            case "error":
                page.Append("<div class=\"output error\">");
                page.Append($"<strong>{Html.Escape(output.EName)}</strong>");
                page.Append($"<pre>{Html.Escape(output.EValue)}</pre>");
                var traceback = string.Join('\n', output.Traceback ?? []).Trim();
                if (traceback.Length > 0 && !(output.EValue ?? "").Contains(traceback, StringComparison.Ordinal))
                    page.Append($"<pre>{Html.Escape(traceback)}</pre>");
                page.AppendLine("</div>");
                break;
            default:
                if (output.Data is { Count: > 0 } data)
                    page.AppendLine($"<div class=\"output\">{RenderData(data)}</div>");
                break;
        }
    }

    /// <summary>The richest form a browser can show, in the order Jupyter prefers.</summary>
    private static string RenderData(IReadOnlyDictionary<string, string> data)
    {
        if (data.TryGetValue("text/html", out var html))
            return html;
        if (data.TryGetValue("image/svg+xml", out var svg))
            return svg;
        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
        {
            if (data.TryGetValue(image, out var base64))
                return $"<img alt=\"output\" src=\"data:{image};base64,{Html.Escape(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))))}\">";
        }
        if (data.TryGetValue("text/markdown", out var markdown))
            return RenderMarkdown(markdown);
        if (data.TryGetValue("text/plain", out var plain))
            return $"<pre>{Html.Escape(plain)}</pre>";
        if (data.TryGetValue("application/json", out var json))
            return $"<pre>{Html.Escape(json)}</pre>";
        return $"<pre>(output of type {Html.Escape(string.Join(", ", data.Keys))} not shown)</pre>";
    }
}
