using System.Text.Json;
using Course.Observability.Backends;
using Course.Observability.Metrics;

namespace Course.Observability.Tests;

/// <summary>The Grafana dashboard in the repository is checked like code: it parses, and every query it holds is valid PromQL.</summary>
public sealed class DashboardTests
{
    private static string Dashboard =>
        Path.Combine(ObservabilityContainers.RepositoryFolder("observability/grafana") ?? throw new DirectoryNotFoundException("observability/grafana"),
            "dashboards", "course-red.json");

    private static IReadOnlyList<(string Title, string Expr)> Queries()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
    }

    [Fact]
    public void The_dashboard_has_the_RED_panels_and_uses_the_provisioned_data_source()
    {
        var titles = Queries().Select(q => q.Title).ToList();
        Assert.Contains(titles, t => t.StartsWith("Rate", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Errors", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Duration", StringComparison.Ordinal));
        var datasources = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Dashboard)!, "..", "provisioning", "datasources", "prometheus.yaml"));
        Assert.Contains("uid: course-prometheus", datasources);
        Assert.DoesNotContain(File.ReadAllText(Dashboard).Split("\"uid\":").Skip(1), s => !s.TrimStart().StartsWith("\"course-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Every_dashboard_query_is_valid_PromQL_for_a_real_Prometheus()
    {
        await using var prometheus = await PrometheusServer.StartAsync();
        Skip.If(!prometheus.IsAvailable, prometheus.Description);
        foreach (var (title, expr) in Queries())
        {
            // $__rate_interval is Grafana's; Prometheus sees what Grafana would send.
            var query = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal);
            try { await prometheus.Query.InstantAsync(query); }
            catch (PromQlException e) { Assert.Fail($"panel '{title}': {e.Message}"); }
        }
    }

    [SkippableFact]
    public async Task Jaeger_and_Grafana_start_where_Docker_exists_and_say_why_not_elsewhere()
    {
        await using var jaeger = await ObservabilityContainers.JaegerAsync();
        var docker = await Course.Infrastructure.DockerProbe.CheckAsync();
        if (!docker.IsAvailable)
        {
            Assert.False(jaeger.IsAvailable);
            Assert.Contains("needs Docker", jaeger.Description);
            Skip.If(true, jaeger.Description);
        }
        Assert.True(jaeger.IsAvailable, jaeger.Description);
        await using var prometheus = await PrometheusServer.StartAsync();
        Skip.If(!prometheus.IsAvailable, prometheus.Description);
        await using var grafana = await ObservabilityContainers.GrafanaAsync(prometheus.Address);
        using var http = new HttpClient();
        var search = await http.GetStringAsync($"http://127.0.0.1:{grafana.Port}/api/search?query=RED");
        Assert.Contains("course-red", search);
    }
}
