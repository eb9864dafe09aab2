using System.Net;
using Plotly.NET;

namespace Course.Notebooks;

/// <summary>
/// Turns a chart into a self-contained HTML snippet: a div and a script that waits until window.Plotly
/// exists (the bootstrap cell defines it), then draws. No CDN, no require.js: works offline, in VS Code,
/// in Jupyter and in the course's static site.
/// </summary>
public static class ChartHtml
{
    public static string From(GenericChart chart)
    {
        var id = NewId();
        var figure = GenericChart.toJson(chart);
        return Snippet(id, $"var fig = {figure}; Plotly.newPlot(el, fig.data, fig.layout, fig.config || {{}});");
    }

    public static string From(XPlot.Plotly.PlotlyChart chart)
    {
        var id = NewId();
        chart.WithId(id);
        // XPlot's own plotting code calls Plotly.newPlot('<id>', data, layout).
        return Snippet(id, chart.GetPlottingJS(), chart.Width, chart.Height);
    }

    private static string NewId() => "course-chart-" + Guid.NewGuid().ToString("N");

    private static string Snippet(string id, string drawJs, int width = 0, int height = 0)
    {
        var size = width > 0 && height > 0 ? $" style=\"width:{width}px;height:{height}px\"" : "";
        return $$"""
            <div id="{{WebUtility.HtmlEncode(id)}}" class="course-chart"{{size}}></div>
            <script>
            (function () {
              var el = document.getElementById('{{id}}');
              var draw = function () { {{drawJs}} };
              var waited = 0;
              (function wait() {
                if (window.Plotly) { draw(); return; }
                if ((waited += 50) > 15000) { el.textContent = 'plotly.js is not loaded: run the notebook\'s bootstrap cell (Course.Notebooks.NotebookSetup.Run()) first.'; return; }
                setTimeout(wait, 50);
              })();
            })();
            </script>
            """;
    }
}
