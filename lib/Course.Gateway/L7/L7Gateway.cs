using Course.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using YarpPolicy = Yarp.ReverseProxy.LoadBalancing.ILoadBalancingPolicy;

namespace Course.Gateway;

/// <summary>
/// An L7 (HTTP) gateway on YARP, hosted in-process on 127.0.0.1 with a port the OS picks. It routes by path and headers,
/// balances with YARP's or the course's policies, checks health actively (probes) and passively (outlier ejection),
/// pins sessions with a cookie and retries idempotent requests on another destination.
/// <code>
/// await using var gateway = await L7Gateway.StartAsync(GatewayConfig.CatchAll(GatewayCluster.Of("shop", backends)));
/// var answer = await http.GetAsync(new Uri(gateway.Address, "/cart"));
/// </code>
/// </summary>
public sealed class L7Gateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _retries;
    private int _disposed;

    private L7Gateway(GatewayConfig config, WebApplication app)
    {
        Config = config;
        _app = app;
    }

    public GatewayConfig Config { get; }
    public Uri Address { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    /// <summary>Attempts repeated by the retry step since start (0 when no cluster retries).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public static async Task<L7Gateway> StartAsync(GatewayConfig config, GatewayHooks? hooks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);      // the config validated itself when it was built
        hooks ??= new GatewayHooks();
        var retries = config.Clusters.ToDictionary(c => c.Id, c => c.Retry, StringComparer.OrdinalIgnoreCase);

        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(YarpConfigMapper.Routes(config), YarpConfigMapper.Clusters(config))
            .AddTransforms(RetryStep.AddTransform);
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, ConsecutiveFailuresEjection>();
        foreach (var policy in config.Policies) builder.Services.AddSingleton<YarpPolicy>(new CoursePolicyAdapter(policy));
        if (hooks.WrapForwarderHandler is { } wrap) builder.Services.AddSingleton<IForwarderHttpClientFactory>(new WrappingClientFactory(wrap));
        hooks.ConfigureServices?.Invoke(builder);

        var app = builder.Build();
        var gateway = new L7Gateway(config, app);
        app.UseRouting();
        hooks.BeforeProxy?.Invoke(app);
        hooks.MapEndpoints?.Invoke(app);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use((context, next) => RetryStep.InvokeAsync(context, () => next(context),
                cluster => retries.GetValueOrDefault(cluster), () => Interlocked.Increment(ref gateway._retries)));
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.Use((context, next) => PolicyFeedback.InvokeAsync(context, () => next(context)));
            pipeline.UsePassiveHealthChecks();
        });
        try
        {
            // YARP loads and checks its configuration here: a bad config fails the start, not the first request.
            gateway.Address = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await LoopbackHost.StopAsync(app).ConfigureAwait(false);
            throw;
        }
        return gateway;
    }

    /// <summary>What the gateway currently believes about each destination of <paramref name="clusterId"/>.</summary>
    public IReadOnlyList<DestinationView> Destinations(string clusterId)
    {
        var lookup = _app.Services.GetRequiredService<IProxyStateLookup>();
        if (!lookup.TryGetCluster(clusterId, out var cluster))
            throw new ArgumentException($"no cluster '{clusterId}'; known: {string.Join(", ", Config.Clusters.Select(c => c.Id))}", nameof(clusterId));
        return cluster.Destinations.Values
            .OrderBy(d => d.DestinationId, StringComparer.Ordinal)
            .Select(d => new DestinationView(d.DestinationId, d.Health.Active, d.Health.Passive, d.ConcurrentRequestCount))
            .ToArray();
    }

    /// <summary>Polls (every 50 ms, at most <paramref name="timeout"/>) until <paramref name="condition"/> holds; false on timeout.</summary>
    public async Task<bool> WaitUntilAsync(Func<L7Gateway, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            while (!condition(this)) await Task.Delay(50, bound.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return condition(this); }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) await LoopbackHost.StopAsync(_app).ConfigureAwait(false);
    }

    private sealed class WrappingClientFactory(Func<ForwarderHttpClientContext, HttpMessageHandler, HttpMessageHandler> wrap) : ForwarderHttpClientFactory
    {
        protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
            wrap(context, base.WrapHandler(context, handler));
    }
}

/// <summary>One destination as the gateway sees it: active (probe) and passive (traffic) health, requests in flight.</summary>
public sealed record DestinationView(string Id, DestinationHealth Active, DestinationHealth Passive, int InFlight)
{
    public bool TakesTraffic => Active != DestinationHealth.Unhealthy && Passive != DestinationHealth.Unhealthy;
}
