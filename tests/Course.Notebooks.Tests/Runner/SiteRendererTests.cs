namespace Course.Notebooks.Tests.Runner;

using System.Xml.Linq;
using Course.NotebookRunner;

public sealed class SiteRendererTests
{
    private const string PlotlyBody = "/* plotly.js stand-in */ window.Plotly = { newPlot: function () {} };";

    private static readonly string BootstrapHtml =
        $"<div>Course library loaded</div><script data-course-plotly=\"inline\">{PlotlyBody}</script>";

    private static NotebookResult Result(NotebookFile file, string executedPath, NotebookStatus status, CellError? error = null) =>
        new(file, status, ExecutedNotebook.Load(executedPath).CellCount, TimeSpan.FromSeconds(1.25), error, executedPath);

    private static (SiteReport Report, string Site, NotebookResult Nested, NotebookResult Top) RenderSample(bool withPlotly)
    {
        var root = TestRepository.ScratchOutputFolder(withPlotly ? "site-renderer" : "site-renderer-no-plotly");
        var layout = TestRepository.Layout;

        var nestedFile = NotebookFile.Create(layout, Path.Combine(layout.NotebooksDirectory, "01-week", "02-topic.ipynb"));
        var nestedPath = new NotebookJson()
            .Markdown("# Raft *elections*\n\n| node | term |\n|---|---|\n| A | 3 |\n\nUse `Raft.Run()`.")
            .Code("#r \"../../artifacts/course/Course.Notebooks.dll\"",
                withPlotly ? NotebookJson.Display("text/html", BootstrapHtml) : NotebookJson.Display("text/plain", "loaded"))
            .Code("if (a < b && c > d) Console.WriteLine(\"<tag>\");", NotebookJson.Stream("<not html> & more\n"))
            .Code("Html()", NotebookJson.Display("text/html", "<table class=\"raw-output\"><tr><td>cell</td></tr></table>"))
            .Code("throw new Exception(\"bad <input>\");",
                NotebookJson.Stream("partial output\n"),
                NotebookJson.Error("Error", "System.Exception: bad <input>", "   at Submission#5"))
            .Code("Image()", NotebookJson.Display("image/png", "iVBORw0KGgo="))
            .WriteTo(Path.Combine(root, "executed", "01-week", "02-topic.ipynb"));
        var nested = Result(nestedFile, nestedPath, NotebookStatus.Failed,
            ExecutedNotebook.Load(nestedPath).FirstError);

        var topFile = NotebookFile.Create(layout, Path.Combine(layout.NotebooksDirectory, "00-start.ipynb"));
        var topPath = new NotebookJson()
            .Markdown("# Start")
            .Code("Boot()", withPlotly ? NotebookJson.Display("text/html", BootstrapHtml) : NotebookJson.Display("text/plain", "x"))
            .WriteTo(Path.Combine(root, "executed", "00-start.ipynb"));
        var top = Result(topFile, topPath, NotebookStatus.Passed);

        var site = Path.Combine(root, "site");
        var report = new SiteRenderer(site, "Course <Title>").Render([top, nested], TimeSpan.FromSeconds(3));
        return (report, site, nested, top);
    }

    [Fact]
    public void A_page_renders_markdown_code_outputs_and_errors()
    {
        var (_, site, _, _) = RenderSample(withPlotly: true);
        var page = File.ReadAllText(Path.Combine(site, "01-week", "02-topic.html"));

        Assert.Contains("<h1 id=\"raft-elections\">Raft <em>elections</em></h1>", page);
        Assert.Contains("<table>", page);
        Assert.Contains("<td>A</td>", page);
        Assert.Contains("<code>Raft.Run()</code>", page);
        Assert.Contains("if (a &lt; b &amp;&amp; c &gt; d) Console.WriteLine(&quot;&lt;tag&gt;&quot;);", page);
        Assert.Contains("<pre>&lt;not html&gt; &amp; more\n</pre>", page);
        Assert.Contains("<table class=\"raw-output\"><tr><td>cell</td></tr></table>", page);
        Assert.Contains("<div class=\"output error\"><strong>Error</strong><pre>System.Exception: bad &lt;input&gt;</pre>", page);
        Assert.Contains("<pre>partial output\n</pre>", page);
        Assert.Contains("<img alt=\"output\" src=\"data:image/png;base64,iVBORw0KGgo=\">", page);
        Assert.Contains("id=\"cell-5\"", page);
        Assert.Contains("FAILED</strong> in <a href=\"#cell-5\">cell 5</a>: System.Exception: bad &lt;input&gt;", page);
        Assert.Contains("<a href=\"../index.html\">← Course &lt;Title&gt;</a>", page);
        Assert.DoesNotContain("<input>", page);
    }

    [Fact]
    public void Inline_plotly_is_moved_to_one_shared_file_loaded_from_every_head()
    {
        var (report, site, _, _) = RenderSample(withPlotly: true);
        var nestedPage = File.ReadAllText(Path.Combine(site, "01-week", "02-topic.html"));
        var topPage = File.ReadAllText(Path.Combine(site, "00-start.html"));

        Assert.Equal(Path.Combine(site, "plotly.min.js"), report.PlotlyScriptPath);
        Assert.Equal(PlotlyBody, File.ReadAllText(report.PlotlyScriptPath!));
        foreach (var page in new[] { nestedPage, topPage })
        {
            Assert.DoesNotContain("data-course-plotly", page);
            Assert.DoesNotContain(PlotlyBody, page);
            Assert.Contains("<div>Course library loaded</div>", page);
        }
        var head = nestedPage[..nestedPage.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Contains("<script src=\"../plotly.min.js\"></script>", head);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", topPage[..topPage.IndexOf("</head>", StringComparison.Ordinal)]);
        Assert.DoesNotContain("plotly", File.ReadAllText(report.IndexPath), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_inline_plotly_the_index_says_so_and_pages_load_no_script()
    {
        var (report, site, _, _) = RenderSample(withPlotly: false);

        Assert.Null(report.PlotlyScriptPath);
        Assert.False(File.Exists(Path.Combine(site, "plotly.min.js")));
        Assert.Contains("No notebook carried plotly.js inline", File.ReadAllText(report.IndexPath));
        Assert.DoesNotContain("<script", File.ReadAllText(Path.Combine(site, "01-week", "02-topic.html")));
    }

    [Fact]
    public void The_index_has_the_title_the_summary_and_a_link_to_every_page()
    {
        var (report, _, _, _) = RenderSample(withPlotly: true);
        var index = File.ReadAllText(report.IndexPath);

        Assert.Contains("<h1>Course &lt;Title&gt;</h1>", index);
        Assert.Contains("<a href=\"00-start.html\">notebooks/00-start.ipynb</a>", index);
        Assert.Contains("<a href=\"01-week/02-topic.html\">notebooks/01-week/02-topic.ipynb</a>", index);
        Assert.Contains("<a href=\"01-week/02-topic.html#cell-5\">5</a>", index);
        Assert.Contains("<td class=\"failed\">FAILED</td>", index);
        Assert.Contains("<td class=\"passed\">passed</td>", index);
        Assert.Contains("2 notebooks: 1 passed, 1 failed, 0 timed out", index);
        Assert.Equal(2, report.PagePaths.Count);
    }

    [Fact]
    public void The_index_is_well_formed_markup()
    {
        var (report, _, _, _) = RenderSample(withPlotly: true);
        var index = File.ReadAllText(report.IndexPath);

        // The index is all ours (no raw outputs), so it must also parse as XML once the doctype and void tags are set aside.
        var xml = index.Replace("<!DOCTYPE html>", "")
            .Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>")
            .Replace("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
        var document = XDocument.Parse(xml);
        Assert.Equal(2, document.Descendants("tbody").Single().Elements("tr").Count());
    }

    [Fact]
    public void Math_is_shown_as_written_without_mathjax_delimiters()
    {
        var html = NotebookPageRenderer.RenderMarkdown("chance $1 - (1 - p)^n$ of failure\n\n$$\nx^2\n$$");

        Assert.Contains("<span class=\"math\">1 - (1 - p)^n</span>", html);
        Assert.Matches(@"<div class=""math"">\s*x\^2\s*</div>", html);
        Assert.DoesNotContain("\\(", html);
        Assert.DoesNotContain("\\[", html);
    }

    [Fact]
    public void A_notebook_without_an_executed_copy_is_shown_from_its_source_with_the_reason()
    {
        var root = TestRepository.ScratchOutputFolder("site-renderer-timeout");
        var source = new NotebookJson().Markdown("# Slow").Code("Thread.Sleep(1000000);").WriteTo(Path.Combine(root, "slow.ipynb"));
        var file = new NotebookFile(source, "artifacts/test-output/site-renderer-timeout/slow.ipynb", "slow");
        var result = new NotebookResult(file, NotebookStatus.TimedOut, 2, TimeSpan.FromSeconds(20), null, null, "timed out after 20 s");

        new SiteRenderer(Path.Combine(root, "site"), "Course").Render([result], TimeSpan.FromSeconds(20));
        var page = File.ReadAllText(Path.Combine(root, "site", "slow.html"));

        Assert.Contains("<div class=\"status timedout\"><strong>TIMED OUT</strong>: timed out after 20 s", page);
        Assert.Contains("Thread.Sleep(1000000);", page);
    }
}
