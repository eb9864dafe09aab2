using System.Net;
using Course.Infrastructure;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Course.Notebooks;

/// <summary>How library types look in a notebook. Registered once by <see cref="NotebookSetup.Run"/>.</summary>
internal static class Formatters
{
    private const string Html = "text/html";
    private const string Text = "text/plain";

    public static void Register()
    {
        // Charts: our own offline HTML instead of Plotly.NET's CDN + require.js template.
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.From(chart)), Html);
        Formatter.Register<XPlot.Plotly.PlotlyChart>((chart, writer) => writer.Write(ChartHtml.From(chart)), Html);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), Html);
        Formatter.SetPreferredMimeTypesFor(typeof(XPlot.Plotly.PlotlyChart), Html);

        RegisterHtmlAndText<SetupReport>(r => r.ToHtml(), r => r.ToString());
        RegisterHtmlAndText<Table>(t => t.ToHtml(), t => t.ToString());
        RegisterHtmlAndText<EnvironmentReport>(r => r.ToTable().ToHtml(), r => r.ToTable().ToString());
        RegisterHtmlAndText<ServiceEndpoint>(EndpointHtml, e => e.ToString());
        RegisterHtmlAndText<Course.Distributed.Production.ComparisonReport>(
            r => Distributed.ComparisonTables.Measured(r).ToHtml() + Distributed.ComparisonTables.Features(r).ToHtml(),
            r => r.ToMarkdown());
    }

    private static void RegisterHtmlAndText<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), Html);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), Text);
        Formatter.SetPreferredMimeTypesFor(typeof(T), Html);
    }

    private static string EndpointHtml(ServiceEndpoint e)
    {
        var badge = e.Mode switch
        {
            ServiceMode.Unavailable => "✘",
            ServiceMode.Mock => "⚠ mock",
            _ => "✔",
        };
        var where = e.IsAvailable ? $" at <code>{WebUtility.HtmlEncode(e.Address)}</code> ({e.Mode})" : "";
        return $"<div class=\"course-endpoint\"><b>{badge} {WebUtility.HtmlEncode(e.Service)}</b>{where}: {WebUtility.HtmlEncode(e.Description)}</div>";
    }
}
