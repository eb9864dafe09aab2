using Course.Observability.Metrics;

namespace Course.Observability.Tests;

[Collection(TelemetryLabCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task Each_service_exposes_its_own_request_counts_in_Prometheus_format()
    {
        using var lab = TelemetryLab.Start();
        await using var shop = await DemoShop.StartAsync();
        using var http = new HttpClient();
        const int requests = 7;
        for (var i = 0; i < requests; i++) await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri(shop.Frontend, "/missing")));

        var frontend = await http.GetStringAsync(new Uri(shop.Frontend, "/metrics"));
        var backend = await http.GetStringAsync(new Uri(shop.Backend, "/metrics"));
        Assert.Equal(requests, Count(frontend, "http_route=\"/order\"", "http_response_status_code=\"200\""));
        Assert.Equal(1, Count(frontend, "http_response_status_code=\"404\""));
        Assert.Equal(requests, Count(backend, "http_route=\"/stock\""));
        Assert.Equal(0, Count(frontend, "http_route=\"/stock\""));   // no cross-talk between hosts in one process
        Assert.Equal(0, Count(backend, "http_route=\"/order\""));
    }

    [SkippableFact]
    public async Task A_real_Prometheus_scrapes_the_services_and_PromQL_returns_the_expected_counts_and_rate()
    {
        await using var prometheus = await PrometheusServer.StartAsync(TimeSpan.FromMilliseconds(500));
        Skip.If(!prometheus.IsAvailable, prometheus.Description);
        using var lab = TelemetryLab.Start();
        await using var shop = await DemoShop.StartAsync();
        prometheus.SetTargets("frontend", shop.Frontend);
        prometheus.SetTargets("backend", shop.Backend);
        foreach (var service in new[] { "frontend", "backend" })
            Assert.True(await prometheus.WaitUntilScrapedAsync(service, 1, TimeSpan.FromSeconds(20)),
                $"{service} never scraped: {string.Join("; ", await prometheus.TargetsAsync())}");

        using var http = new HttpClient();
        const string total = "sum(http_server_request_duration_seconds_count{service=\"backend\",http_route=\"/stock\"})";
        const int requests = 12;
        // Two batches with a scrape between them: rate() measures the increase between samples, so a counter that is
        // born at its final value (every request before the first scrape) has a rate of 0.
        for (var batch = 1; batch <= 2; batch++)
        {
            for (var i = 0; i < requests / 2; i++) await http.GetStringAsync(new Uri(shop.Frontend, "/order"));
            // Both services must have been scraped with this batch before the next one (they are scraped at different moments).
            var expected = batch * requests / 2;
            var counts = await prometheus.Query.WaitForAsync("sum by (service) (http_server_request_duration_seconds_count)",
                r => r.Count == 2 && r.All(s => s.Value >= expected), TimeSpan.FromSeconds(20));
            Assert.Equal([expected, expected], counts.Select(s => s.Value));
        }
        Assert.Equal(requests, Assert.Single(await prometheus.Query.InstantAsync(total)).Value);

        var rate = await prometheus.Query.WaitForAsync("sum by (service) (rate(http_server_request_duration_seconds_count[1m]))",
            r => r.Count == 2 && r.All(s => s.Value > 0), TimeSpan.FromSeconds(20));
        Assert.Equal(["backend", "frontend"], rate.Select(s => s.Label("service")).Order(StringComparer.Ordinal));
        Assert.All(rate, s => Assert.True(s.Value > 0, $"rate for {s.Label("service")} is {s.Value}; all: {string.Join(", ", rate.Select(r => $"{r.Label("service")}={r.Value}"))}"));

        var p99 = await prometheus.Query.InstantAsync(
            "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service=\"frontend\"}[1m])))");
        // Requests on loopback take milliseconds. 4.95 s here would mean the buckets are in the wrong unit (SDK defaults are ms).
        Assert.True(Assert.Single(p99).Value is > 0 and < 1, $"p99 {p99[0].Value} s");

        var error = await Assert.ThrowsAsync<PromQlException>(() => prometheus.Query.InstantAsync("sum(rate(x[1m]"));
        Assert.Equal("bad_data", error.ErrorType);
    }

    // Sum of http_server_request_duration_seconds_count samples whose labels contain every fragment.
    private static double Count(string exposition, params string[] fragments) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && fragments.All(l.Contains))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
}
