using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Course.Notebooks;

/// <summary>What the bootstrap cell shows: which build of the library this kernel loaded.</summary>
public sealed record SetupReport(string AssemblyPath, DateTime BuiltUtc, string Configuration, string Runtime)
{
    internal static SetupReport ForThisBuild()
    {
        var assembly = typeof(SetupReport).Assembly;
        var path = assembly.Location;
        var configuration = assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";
        var built = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        return new SetupReport(path, built, configuration, RuntimeInformation.FrameworkDescription);
    }

    /// <summary>One line: a rebuilt library is picked up only by a restarted kernel, so show the stamp.</summary>
    public override string ToString() =>
        $"Course library built {BuiltUtc:yyyy-MM-dd HH:mm:ss} UTC ({Configuration}) loaded from {AssemblyPath} on {Runtime}. " +
        "After rebuilding the library, restart the kernel to load the new build.";

    /// <summary>The line, plus plotly.js inline so every chart in this notebook draws offline.</summary>
    public string ToHtml() =>
        $"<div class=\"course-setup\">✔ {WebUtility.HtmlEncode(ToString())}</div>\n{PlotlyJs.InlineScriptElement()}";
}
