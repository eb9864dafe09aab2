using Course.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Gateway.Backends;

/// <summary>
/// A tiny HTTP backend on 127.0.0.1 for the proxies to balance: every path answers with its name (body and
/// <see cref="BackendHeaders.ServedBy"/>), after a configurable latency; <c>/health</c> answers 200 or 503.
/// Faults are switched at run time — <see cref="Failing"/>, <see cref="FailNext"/>, <see cref="Healthy"/> — so a test
/// or a notebook cell can break a backend and watch the gateway react.
/// </summary>
public sealed class LoopbackBackend : IAsyncDisposable
{
    public const string HealthPath = "/health";

    private readonly WebApplication _app;
    private long _latencyTicks;
    private long _served;
    private long _failNext;
    private int _inFlight;
    private int _maxInFlight;
    private volatile bool _failing;
    private volatile bool _healthy = true;
    private int _disposed;

    private LoopbackBackend(string name, TimeSpan latency, WebApplication app)
    {
        Name = name;
        _latencyTicks = latency.Ticks;
        _app = app;
    }

    public string Name { get; }

    /// <summary>The base address, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Added to every non-health request (before any <c>?delay=</c> the request asks for).</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, NonNegative(value).Ticks);
    }

    /// <summary>While true, every non-health request answers 500.</summary>
    public bool Failing { get => _failing; set => _failing = value; }

    /// <summary>While false, <c>/health</c> answers 503 (the active health check's view); traffic is still served.</summary>
    public bool Healthy { get => _healthy; set => _healthy = value; }

    /// <summary>Requests served (health probes excluded), whatever their status.</summary>
    public long Served => Interlocked.Read(ref _served);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests this backend ever had in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The next <paramref name="count"/> non-health requests answer 500 (a flaky backend).</summary>
    public void FailNext(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "cannot fail a negative number of requests");
        Interlocked.Exchange(ref _failNext, count);
    }

    public static async Task<LoopbackBackend> StartAsync(string name, TimeSpan? latency = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a backend needs a name (it is how responses say who served them)", nameof(name));
        var builder = LoopbackHost.CreateBuilder();
        var app = builder.Build();
        var backend = new LoopbackBackend(name, NonNegative(latency ?? TimeSpan.Zero), app);
        app.MapGet(HealthPath, backend.Health);
        app.MapFallback(backend.ServeAsync);
        backend.Address = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return backend;
    }

    private IResult Health(HttpContext context)
    {
        context.Response.Headers[BackendHeaders.ServedBy] = Name;
        return _healthy ? Results.Text("healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _served);
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max) break;
        try
        {
            var delay = Latency + RequestedDelay(context.Request);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            var fail = _failing || TakeInjectedFailure();
            context.Response.StatusCode = fail ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            context.Response.Headers[BackendHeaders.ServedBy] = Name;
            await context.Response.WriteAsJsonAsync(new BackendReply(Name, context.Request.Path, fail ? "injected failure" : "ok"),
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested) { }   // the client gave up
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    private bool TakeInjectedFailure()
    {
        for (var left = Interlocked.Read(ref _failNext); left > 0; left = Interlocked.Read(ref _failNext))
            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left) return true;
        return false;
    }

    private static TimeSpan RequestedDelay(HttpRequest request) =>
        int.TryParse(request.Query[BackendHeaders.DelayQuery], out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(Math.Min(ms, BackendHeaders.MaxDelay.TotalMilliseconds))
            : TimeSpan.Zero;

    private static TimeSpan NonNegative(TimeSpan latency) =>
        latency >= TimeSpan.Zero ? latency : throw new ArgumentOutOfRangeException(nameof(latency), latency, "latency cannot be negative");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) await LoopbackHost.StopAsync(_app).ConfigureAwait(false);
    }

    public override string ToString() => $"{Name} at {Address}";
}

/// <summary>What a backend answers: who served the request, for which path, and whether it failed on purpose.</summary>
public sealed record BackendReply(string Backend, string Path, string Status);
