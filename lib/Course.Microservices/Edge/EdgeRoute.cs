namespace Course.Microservices.Edge;

/// <summary>A public path prefix of the API gateway (e.g. "/catalog") and the service behind it; the prefix is stripped unless <see cref="StripPrefix"/> is false.</summary>
public sealed record EdgeRoute(string Prefix, string Service, bool StripPrefix = true)
{
    /// <summary>The week's routes: /catalog and /orders (REST) and the Catalog's gRPC service path.</summary>
    public static IReadOnlyList<EdgeRoute> Defaults { get; } =
    [
        new("/catalog", "catalog"),
        new("/orders", "orders"),
        new("/course.catalog.v1.CatalogLookup", "catalog", StripPrefix: false),
    ];
}
