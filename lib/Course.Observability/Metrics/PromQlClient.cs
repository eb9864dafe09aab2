using System.Globalization;
using System.Text.Json;

namespace Course.Observability.Metrics;

/// <summary>One series' value at one instant (an instant vector element).</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, DateTimeOffset Time, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : "";
}

/// <summary>One series over a time range (a range query's matrix row).</summary>
public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Points)
{
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : "";
}

/// <summary>Prometheus refused a query; <see cref="ErrorType"/> is e.g. <c>bad_data</c> for a PromQL syntax error.</summary>
public sealed class PromQlException(string query, string errorType, string error)
    : Exception($"Prometheus rejected '{query}': {errorType}: {error}")
{
    public string Query { get; } = query;
    public string ErrorType { get; } = errorType;
}

/// <summary>
/// The Prometheus HTTP API's two query calls: <c>/api/v1/query</c> (the value now) and <c>/api/v1/query_range</c>
/// (a series over time, what a dashboard panel draws). Timeouts are short: a dead server fails fast.
/// </summary>
public sealed class PromQlClient(Uri prometheus) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = prometheus, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<IReadOnlyList<PromSample>> InstantAsync(string query, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var url = $"api/v1/query?query={Uri.EscapeDataString(query)}" + (at is { } t ? $"&time={Unix(t)}" : "");
        var data = await GetDataAsync(query, url, cancellationToken).ConfigureAwait(false);
        var type = data.GetProperty("resultType").GetString();
        if (type == "scalar")
            return [new PromSample(new Dictionary<string, string>(), TimeOf(data.GetProperty("result")[0]), ValueOf(data.GetProperty("result")[1]))];
        return data.GetProperty("result").EnumerateArray()
            .Select(r => new PromSample(LabelsOf(r), TimeOf(r.GetProperty("value")[0]), ValueOf(r.GetProperty("value")[1])))
            .ToList();
    }

    /// <summary>
    /// Re-runs an instant query until <paramref name="done"/> accepts the answer or <paramref name="timeout"/> passes
    /// (metrics arrive one scrape at a time; <c>rate()</c> needs two samples in its window). Returns the last answer.
    /// </summary>
    public async Task<IReadOnlyList<PromSample>> WaitForAsync(string query, Func<IReadOnlyList<PromSample>, bool> done, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await InstantAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (done(answer) || DateTime.UtcNow >= deadline) return answer;
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PromSeries>> RangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        if (end <= start) throw new ArgumentException("a range query needs end after start", nameof(end));
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), step, "the step must be positive");
        var url = $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Unix(start)}&end={Unix(end)}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}";
        var data = await GetDataAsync(query, url, cancellationToken).ConfigureAwait(false);
        return data.GetProperty("result").EnumerateArray()
            .Select(r => new PromSeries(LabelsOf(r), r.GetProperty("values").EnumerateArray().Select(v => (TimeOf(v[0]), ValueOf(v[1]))).ToList()))
            .ToList();
    }

    private async Task<JsonElement> GetDataAsync(string query, string url, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            throw new PromQlException(query, root.GetProperty("errorType").GetString() ?? "?", root.GetProperty("error").GetString() ?? "?");
        return root.GetProperty("data").Clone();
    }

    private static string Unix(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> LabelsOf(JsonElement r) =>
        r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    private static DateTimeOffset TimeOf(JsonElement e) => DateTimeOffset.FromUnixTimeMilliseconds((long)(e.GetDouble() * 1000));

    // Prometheus sends values as strings so that NaN and ±Inf survive JSON.
    private static double ValueOf(JsonElement e) => e.GetString() switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var s => double.Parse(s!, CultureInfo.InvariantCulture),
    };

    public void Dispose() => _http.Dispose();
}
