using System.Security.Cryptography.X509Certificates;
using Course.Gateway;
using Course.Observability;
using Course.Microservices.Hosting;
using Course.Microservices.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Microservices.Edge;

/// <summary>
/// The API gateway at the edge (Richardson ch. 8): one public HTTPS address, routes by path prefix to the services,
/// authenticates every request there (a JWT from the course's authorization server; no token, 401 before any service
/// is touched) and forwards the caller's identity: the token itself (each service validates it again — no trust in the
/// network, "zero trust") and an <see cref="AuthenticatedClientHeader"/> the gateway sets after removing any a client
/// sent. Built on the load-balancing week's <see cref="L7Gateway"/>.
/// </summary>
public sealed class ApiGateway : IAsyncDisposable
{
    public const string AuthenticatedClientHeader = "X-Authenticated-Client";
    private readonly L7Gateway _gateway;

    private ApiGateway(L7Gateway gateway) => _gateway = gateway;

    public Uri Address => _gateway.Address;

    /// <param name="services">Service name → address; every route must name one of them.</param>
    public static async Task<ApiGateway> StartAsync(IReadOnlyDictionary<string, Uri> services, IReadOnlyList<EdgeRoute> routes, X509Certificate2 certificate,
        X509Certificate2 root, TokenValidation tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(tokens);
        var config = Config(services, routes);
        var gateway = await L7Gateway.StartAsync(config, new GatewayHooks
        {
            ConfigureServices = builder =>
            {
                TlsListener.UseFor(builder, certificate);
                builder.AddCourseTelemetry("gateway");
                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
                {
                    options.MapInboundClaims = false;
                    var parameters = tokens.Parameters();
                    parameters.ValidAudience = null;
                    parameters.ValidAudiences = services.Keys; // any of our services: each checks its own audience again
                    options.TokenValidationParameters = parameters;
                });
                builder.Services.AddAuthorization();
            },
            BeforeProxy = app =>
            {
                app.UseCourseTelemetry();
                app.UseAuthentication();
                app.UseAuthorization();
                app.Use((context, next) =>
                {
                    context.Request.Headers.Remove(AuthenticatedClientHeader); // a client must not claim an identity
                    if (context.User.FindFirst("sub")?.Value is { } subject) context.Request.Headers[AuthenticatedClientHeader] = subject;
                    return next(context);
                });
            },
            WrapForwarderHandler = (_, inner) =>
            {
                Sidecar.TrustOnly(inner, root);
                return inner;
            },
        }, cancellationToken).ConfigureAwait(false);
        return new ApiGateway(gateway);
    }

    /// <summary>The gateway's YARP configuration; a route to a service that is not given fails here, naming both.</summary>
    public static GatewayConfig Config(IReadOnlyDictionary<string, Uri> services, IReadOnlyList<EdgeRoute> routes)
    {
        if (routes.Count == 0) throw new ArgumentException("The gateway needs at least one route.", nameof(routes));
        foreach (var route in routes)
        {
            if (!services.ContainsKey(route.Service))
                throw new ArgumentException($"Route '{route.Prefix}' points to service '{route.Service}', which is not configured; known services: {string.Join(", ", services.Keys)}.", nameof(routes));
            if (!route.Prefix.StartsWith('/') || route.Prefix.Length < 2 || route.Prefix.EndsWith('/'))
                throw new ArgumentException($"Route prefix '{route.Prefix}' must start with '/', not end with one, and name something.", nameof(routes));
        }
        var gatewayRoutes = routes.Select((r, i) => new GatewayRoute($"route-{i}", r.Prefix + "/{**rest}", r.Service)
        {
            StripPrefix = r.StripPrefix ? r.Prefix : null,
            RequireAuthentication = true,
        });
        var clusters = services.Select(s => new GatewayCluster(s.Key, [new GatewayDestination(s.Key, s.Value)]));
        return new GatewayConfig(gatewayRoutes, clusters);
    }

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();
}
