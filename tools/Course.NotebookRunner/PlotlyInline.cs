using System.Text.RegularExpressions;

namespace Course.NotebookRunner;

/// <summary>The course's bootstrap output carries plotly.js inline in one
/// <c>&lt;script data-course-plotly="inline"&gt;</c> element. The site moves it into one shared file,
/// so a 3.6 MB library is not repeated in every page.</summary>
public static partial class PlotlyInline
{
    public const string FileName = "plotly.min.js";

    // Non-greedy up to the first </script>: that is also where a browser ends the element.
    [GeneratedRegex("""<script\b[^>]*\bdata-course-plotly\s*=\s*(?:"inline"|'inline'|inline\b)[^>]*>(?<body>.*?)</script\s*>""",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineElement();

    /// <summary>Removes every inline plotly element from <paramref name="html"/>; returns what is left
    /// and the scripts' contents in order.</summary>
    public static (string Html, IReadOnlyList<string> Scripts) Strip(string html)
    {
        var scripts = new List<string>();
        var stripped = InlineElement().Replace(html, match =>
        {
            scripts.Add(match.Groups["body"].Value);
            return "";
        });
        return (stripped, scripts);
    }
}
