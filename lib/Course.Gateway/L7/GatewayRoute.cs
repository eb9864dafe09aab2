namespace Course.Gateway;

/// <summary>
/// One route: requests whose path matches <see cref="Path"/> (an ASP.NET route pattern, e.g. <c>/api/catalog/{**rest}</c>)
/// and carry every header in <see cref="Headers"/> go to <see cref="Cluster"/>. Checked when the gateway is built
/// (see <see cref="GatewayConfig"/>), never at the first request.
/// </summary>
public sealed record GatewayRoute
{
    public GatewayRoute(string id, string path, string cluster)
    {
        Id = Check.Name(id, "route id");
        Path = string.IsNullOrWhiteSpace(path) ? throw new ArgumentException($"route '{id}' has an empty path pattern", nameof(path)) : path;
        Cluster = Check.Name(cluster, $"cluster of route '{id}'");
    }

    public string Id { get; }
    public string Path { get; }
    public string Cluster { get; }

    /// <summary>Header name → exact value the request must carry (header routing), e.g. <c>X-Version: beta</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Lower goes first when several routes match (YARP's <c>Order</c>); a header route should beat its path-only twin.</summary>
    public int? Order { get; init; }

    /// <summary>Removed from the path before forwarding, e.g. "/api/catalog" so the service sees "/items/1".</summary>
    public string? StripPrefix { get; init; }

    /// <summary>Requires an authenticated caller (the API gateway's JWT bearer scheme); 401 otherwise.</summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>Name of an ASP.NET rate-limiter policy (the API gateway registers them); null: no per-route limit.</summary>
    public string? RateLimitPolicy { get; init; }
}

/// <summary>A backend address in a cluster; <see cref="Weight"/> is read by weighted policies (must be positive).</summary>
public sealed record GatewayDestination
{
    public GatewayDestination(string id, Uri address, int weight = 1)
    {
        Id = Check.Name(id, "destination id");
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"destination '{id}' has address '{address}'; it must be an absolute http(s) URI", nameof(address));
        if (weight <= 0)
            throw new ArgumentOutOfRangeException(nameof(weight), weight,
                $"destination '{id}' has weight {weight}; weights must be positive (remove the destination instead of giving it weight 0)");
        Id = id;
        Address = address;
        Weight = weight;
    }

    public string Id { get; }
    public Uri Address { get; }
    public int Weight { get; }
}

internal static class Check
{
    public static string Name(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"the {what} is empty") : value;

    public static TimeSpan Positive(TimeSpan value, string what) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(what, value, $"{what} must be positive");
}
