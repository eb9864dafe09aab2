using System.Text.Json;
using Course.Infrastructure;
using Course.Simulation;

namespace Course.Observability.Metrics;

/// <summary>One scrape target as Prometheus sees it: <see cref="Health"/> is "up", "down" or "unknown" (not scraped yet).</summary>
public sealed record ScrapeTarget(string Service, string Url, string Health, string LastError);

/// <summary>
/// A real Prometheus (the Debian package) on 127.0.0.1 with a generated config: scrapes every second, and finds its
/// targets through file-based service discovery, so services started later are added with <see cref="SetTargets"/>
/// without a restart. Dispose to stop it (its data lives in a temp directory that goes with it).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string InstallHint = "install with: sudo apt-get install --no-install-recommends prometheus";
    private readonly ServiceEndpoint _endpoint;
    private readonly string _targetsDirectory;

    private PrometheusServer(ServiceEndpoint endpoint, string targetsDirectory, TimeSpan scrapeInterval)
    {
        _endpoint = endpoint;
        _targetsDirectory = targetsDirectory;
        ScrapeInterval = scrapeInterval;
        Query = new PromQlClient(new Uri($"http://{endpoint.Address}/"));
    }

    public bool IsAvailable => _endpoint.IsAvailable;
    /// <summary>Where it runs, or why it is not running and how to fix that.</summary>
    public string Description => _endpoint.Description;
    public Uri Address => new($"http://{_endpoint.Address}/");
    public TimeSpan ScrapeInterval { get; }
    public PromQlClient Query { get; }

    /// <summary>Starts Prometheus; check <see cref="IsAvailable"/> (false with a reason when the binary is missing).</summary>
    /// <param name="tls">For services that speak HTTPS: the root Prometheus trusts, and the client certificate it presents to
    /// services that require mutual TLS. Without it, https targets fail their scrape (see <see cref="TargetsAsync"/>).</param>
    public static async Task<PrometheusServer> StartAsync(TimeSpan? scrapeInterval = null, ScrapeTls? tls = null, CancellationToken cancellationToken = default)
    {
        var interval = scrapeInterval ?? TimeSpan.FromSeconds(1);
        if (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromMinutes(5))
            throw new ArgumentOutOfRangeException(nameof(scrapeInterval), interval, "a scrape interval between 100 ms and 5 min");
        string targets = "";
        var endpoint = await LocalProcessServer.StartAsync("Prometheus", "prometheus", InstallHint, slot =>
        {
            targets = Path.Combine(slot.Directory, "targets");
            Directory.CreateDirectory(targets);
            var config = Path.Combine(slot.Directory, "prometheus.yml");
            File.WriteAllText(config, Config(interval, targets, tls?.WriteFiles(slot.Directory)));
            return new LocalServerCommand(
                [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(slot.Directory, "data")}",
                 $"--web.listen-address=127.0.0.1:{slot.Port}", "--web.enable-lifecycle", "--log.level=warn"],
                token => IsReadyAsync(slot.Port, token),
                $"local Prometheus on 127.0.0.1:{slot.Port}, scraping every {interval.TotalSeconds:0.#} s; stops when disposed");
        }, cancellationToken).ConfigureAwait(false);
        return new PrometheusServer(endpoint, targets, interval);
    }

    // One scrape job for plain HTTP and one for HTTPS; each finds its targets in files (file_sd picks up new and changed
    // files by itself: inotify plus a re-read every second). The TLS job trusts the course CA and, for mutual TLS, shows
    // a client certificate — what a service mesh does for its scrapers.
    private static string Config(TimeSpan interval, string targetsDirectory, (string Ca, string? Cert, string? Key)? tls)
    {
        var ms = $"{interval.TotalMilliseconds:0}ms";
        var lines = new List<string>
        {
            "global:",
            $"  scrape_interval: {ms}",
            $"  evaluation_interval: {ms}",
            "scrape_configs:",
            "  - job_name: course",
            "    file_sd_configs:",
            $"      - files: ['{targetsDirectory}/*.http.json']",
            "        refresh_interval: 1s",
            "  - job_name: course-tls",
            "    scheme: https",
            "    file_sd_configs:",
            $"      - files: ['{targetsDirectory}/*.https.json']",
            "        refresh_interval: 1s",
        };
        if (tls is { } t)
        {
            lines.Add("    tls_config:");
            lines.Add($"      ca_file: {t.Ca}");
            if (t.Cert is not null) { lines.Add($"      cert_file: {t.Cert}"); lines.Add($"      key_file: {t.Key}"); }
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// Scrapes <c>/metrics</c> on each of <paramref name="targets"/> (127.0.0.1 only) as the job <paramref name="job"/>
    /// (the <c>service</c> label on every series). Replaces the job's previous targets.
    /// </summary>
    public void SetTargets(string job, params Uri[] targets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        if (!IsAvailable) throw new InvalidOperationException($"Prometheus is not running: {Description}");
        foreach (var t in targets)
        {
            if (t.Host is not ("127.0.0.1" or "localhost"))
                throw new ArgumentException($"the course scrapes loopback targets only, not {t}", nameof(targets));
            if (t.Scheme is not ("http" or "https"))
                throw new ArgumentException($"a scrape target is http or https, not {t.Scheme}", nameof(targets));
        }
        foreach (var scheme in new[] { "http", "https" })
        {
            var group = new[] { new { targets = targets.Where(t => t.Scheme == scheme).Select(t => $"{t.Host}:{t.Port}").ToArray(), labels = new Dictionary<string, string> { ["service"] = job } } };
            var file = Path.Combine(_targetsDirectory, $"{job}.{scheme}.json");
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(group));   // UTF-8 without a BOM: Prometheus rejects a BOM
            File.Move(temporary, file, overwrite: true);   // atomic: Prometheus never reads half a file
        }
    }

    /// <summary>Waits (bounded) until every target of <paramref name="job"/> has been scraped successfully at least once.</summary>
    public Task<bool> WaitUntilScrapedAsync(string job, int expectedTargets, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.TrueAsync(async () => (await Query.InstantAsync($"up{{service=\"{job}\"}} == 1", cancellationToken: cancellationToken).ConfigureAwait(false)).Count >= expectedTargets,
            timeout, TimeSpan.FromMilliseconds(200), cancellationToken);

    /// <summary>Every target Prometheus knows, with its health and last scrape error — the first place to look when a series is missing.</summary>
    public async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/v1/targets", cancellationToken).ConfigureAwait(false));
        return document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => new ScrapeTarget(
                t.GetProperty("labels").TryGetProperty("service", out var service) ? service.GetString() ?? "" : "",
                t.GetProperty("scrapeUrl").GetString() ?? "",
                t.GetProperty("health").GetString() ?? "",
                t.GetProperty("lastError").GetString() ?? ""))
            .ToList();
    }

    private static async Task<bool> IsReadyAsync(int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/-/ready", cancellationToken).ConfigureAwait(false)).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
    }

    public ValueTask DisposeAsync()
    {
        Query.Dispose();
        return _endpoint.DisposeAsync();
    }
}
