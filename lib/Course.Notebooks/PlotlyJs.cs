namespace Course.Notebooks;

/// <summary>
/// plotly.js for offline notebooks. Plotly.NET embeds plotly 2.28.0 as a resource; Plotly.NET's own HTML
/// loads it from a CDN through require.js, which is blank offline. We inline it once, in the bootstrap
/// cell's output, hiding define/module/exports so that it sets window.Plotly instead of registering
/// with require.js. The element carries data-course-plotly="inline" so the site renderer can replace it
/// with one shared file.
/// </summary>
public static class PlotlyJs
{
    public const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";
    public const string Version = "2.28.0";

    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    public static string Library => Source.Value;

    /// <summary>A script element that defines window.Plotly, once, whatever else the page has loaded.</summary>
    public static string InlineScriptElement() =>
        "<script data-course-plotly=\"inline\">\n" +
        "if (!window.Plotly) { (function (define, module, exports) {\n" +
        Library +
        "\n}).call(window, undefined, undefined, undefined); }\n</script>";

    private static string Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Plotly.NET {assembly.GetName().Version} does not embed {ResourceName}.");
        using var reader = new StreamReader(stream);
        // A literal "</script" would end the element early; plotly 2.28 has none, but stay safe.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
