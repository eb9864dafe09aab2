using Microsoft.AspNetCore.Builder;
using Yarp.ReverseProxy.Forwarder;

namespace Course.Gateway;

/// <summary>
/// Where a bigger gateway plugs into <see cref="L7Gateway"/>: services (auth, rate limiting), middleware that runs before the
/// proxy, extra endpoints (aggregation), and a wrapper around the HTTP handler YARP forwards through (timeouts, circuit breaking).
/// </summary>
public sealed record GatewayHooks
{
    public Action<WebApplicationBuilder>? ConfigureServices { get; init; }

    /// <summary>Runs after routing and before the proxy endpoints, e.g. UseAuthentication/UseAuthorization/UseRateLimiter.</summary>
    public Action<WebApplication>? BeforeProxy { get; init; }

    /// <summary>Maps endpoints the gateway answers itself (they win over proxy routes of equal or lower precedence).</summary>
    public Action<WebApplication>? MapEndpoints { get; init; }

    /// <summary>Wraps the handler YARP sends each cluster's requests through (the cluster id is in the context).</summary>
    public Func<ForwarderHttpClientContext, HttpMessageHandler, HttpMessageHandler>? WrapForwarderHandler { get; init; }
}
