using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Gateway.Api;

/// <summary>One rate-limit verdict, <see cref="At"/> from the gateway's start: which client, accepted or rejected.</summary>
public sealed record RateLimitEvent(TimeSpan At, string Client, bool Accepted);

/// <summary>
/// The API gateway: an <see cref="L7Gateway"/> (YARP) plus authentication, rate limiting, aggregation, timeouts and circuit
/// breakers, in that order on the way in — an unauthenticated caller costs no rate budget, a rejected one never reaches a backend.
/// <code>
/// var tokens = new TokenIssuer();
/// await using var gateway = await ApiGateway.StartAsync(new ApiGatewayOptions(config) { Tokens = tokens, RateLimit = new RateLimitSpec.TokenBucket(5, 5, TimeSpan.FromSeconds(10)) });
/// </code>
/// </summary>
public sealed class ApiGateway : IAsyncDisposable
{
    private const int MaxEvents = 10_000;
    private readonly ConcurrentDictionary<string, CircuitMonitor> _circuits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RateLimitEvent> _events = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private L7Gateway _proxy = null!;

    private ApiGateway(ApiGatewayOptions options) => Options = options;

    public ApiGatewayOptions Options { get; }
    public Uri Address => _proxy.Address;
    public L7Gateway Proxy => _proxy;

    /// <summary>The circuit of each cluster and aggregate part that has carried a call (absent until then).</summary>
    public IReadOnlyDictionary<string, CircuitMonitor> Circuits => _circuits;

    /// <summary>The rate limiter's verdicts in order (the last <see cref="MaxEvents"/>).</summary>
    public IReadOnlyList<RateLimitEvent> RateLimitEvents => _events.ToArray();

    public static async Task<ApiGateway> StartAsync(ApiGatewayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var gateway = new ApiGateway(options);
        gateway._proxy = await L7Gateway.StartAsync(options.Routes, gateway.Hooks(), cancellationToken).ConfigureAwait(false);
        return gateway;
    }

    /// <summary>The circuit named <paramref name="name"/> (a cluster id or an aggregate part), created on first use.</summary>
    public CircuitMonitor Circuit(string name) => _circuits.GetOrAdd(name, n => new CircuitMonitor(n, Options.Time));

    private GatewayHooks Hooks() => new()
    {
        ConfigureServices = builder =>
        {
            if (Options.Tokens is { } tokens)
            {
                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
                {
                    jwt.TokenValidationParameters = tokens.ValidationParameters();
                    jwt.MapInboundClaims = false;          // keep "sub" as "sub"
                });
                builder.Services.AddAuthorization();
            }
            if (Options.RateLimit is { } limit) RateLimiting.AddServices(builder.Services, limit);
        },
        BeforeProxy = app =>
        {
            if (Options.Tokens is not null)
            {
                app.UseAuthentication();
                app.UseAuthorization();
            }
            if (Options.RateLimit is { } limit) RateLimiting.Use(app, limit, Record);
        },
        MapEndpoints = app =>
        {
            foreach (var aggregate in Options.Aggregates) aggregate.Map(app, PartClient);
        },
        WrapForwarderHandler = Options.Resilience is { } spec
            ? (context, handler) => new ResilienceHandler(handler, spec, Circuit(context.ClusterId), Options.Time)
            : null,
    };

    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _partClients = new(StringComparer.OrdinalIgnoreCase);

    private HttpMessageInvoker PartClient(string part) => _partClients.GetOrAdd(part, name =>
    {
        HttpMessageHandler handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false };
        if (Options.Resilience is { } spec) handler = new ResilienceHandler(handler, spec, Circuit(name), Options.Time);
        return new HttpMessageInvoker(handler, disposeHandler: true);
    });

    private void Record(string client, bool accepted)
    {
        _events.Enqueue(new RateLimitEvent(_clock.Elapsed, client, accepted));
        while (_events.Count > MaxEvents) _events.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync().ConfigureAwait(false);
        foreach (var client in _partClients.Values) client.Dispose();
    }
}
