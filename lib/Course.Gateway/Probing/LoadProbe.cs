using System.Diagnostics;
using System.Net;
using Course.Gateway.Backends;

namespace Course.Gateway.Probing;

/// <summary>One request as a client saw it: which backend answered (from <see cref="BackendHeaders.ServedBy"/>), status, latency.</summary>
public sealed record ProbeResult(int Index, string? Backend, int Status, TimeSpan Latency, TimeSpan Start)
{
    /// <summary>Seconds from the Retry-After header when the answer carried Retry-After; null otherwise.</summary>
    public int? RetryAfterSeconds { get; init; }
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// A bounded load generator for loopback servers: a fixed number of requests (at most <see cref="MaxRequests"/>), each with
/// the client's timeout; sequential or with a fixed concurrency. Used by the tests, the notebook and the benchmark.
/// </summary>
public static class LoadProbe
{
    public const int MaxRequests = 100_000;

    /// <summary>An HttpClient for loopback probing: no proxy, no cookies unless asked, a 10 s timeout per request.</summary>
    public static HttpClient Client(bool cookies = false) =>
        new(new SocketsHttpHandler { UseProxy = false, UseCookies = cookies, CookieContainer = new CookieContainer(), PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Sends <paramref name="count"/> GETs one after another; <paramref name="prepare"/> may add headers per request.</summary>
    public static async Task<IReadOnlyList<ProbeResult>> SendAsync(HttpClient client, Uri url, int count,
        Action<int, HttpRequestMessage>? prepare = null, CancellationToken cancellationToken = default)
    {
        CheckCount(count);
        var clock = Stopwatch.StartNew();
        var results = new List<ProbeResult>(count);
        for (var i = 0; i < count; i++) results.Add(await OneAsync(client, url, i, clock, prepare, cancellationToken).ConfigureAwait(false));
        return results;
    }

    /// <summary>Sends <paramref name="count"/> GETs with <paramref name="concurrency"/> in flight at a time; results in index order.</summary>
    public static async Task<IReadOnlyList<ProbeResult>> SendConcurrentAsync(HttpClient client, Uri url, int count, int concurrency,
        Action<int, HttpRequestMessage>? prepare = null, CancellationToken cancellationToken = default)
    {
        CheckCount(count);
        if (concurrency < 1) throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, "concurrency must be at least 1");
        var clock = Stopwatch.StartNew();
        var results = new ProbeResult[count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                results[i] = await OneAsync(client, url, i, clock, prepare, cancellationToken).ConfigureAwait(false);
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        return results;
    }

    /// <summary>How many requests each backend served (a null backend — e.g. a 429 or 503 from the proxy — counts as "(none)").</summary>
    public static IReadOnlyDictionary<string, int> CountByBackend(IEnumerable<ProbeResult> results) =>
        results.GroupBy(r => r.Backend ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<ProbeResult> OneAsync(HttpClient client, Uri url, int index, Stopwatch clock,
        Action<int, HttpRequestMessage>? prepare, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        prepare?.Invoke(index, request);
        var start = clock.Elapsed;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var backend = response.Headers.TryGetValues(BackendHeaders.ServedBy, out var names) ? names.FirstOrDefault() : null;
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
            return new ProbeResult(index, backend, (int)response.StatusCode, clock.Elapsed - start, start) { RetryAfterSeconds = retryAfter };
        }
        catch (HttpRequestException)
        {
            return new ProbeResult(index, null, 0, clock.Elapsed - start, start);   // status 0: no HTTP answer at all
        }
    }

    private static void CheckCount(int count)
    {
        if (count is < 1 or > MaxRequests) throw new ArgumentOutOfRangeException(nameof(count), count, $"send between 1 and {MaxRequests} requests");
    }
}
