namespace Course.Microservices.Identity;

/// <summary>
/// A confidential client of the authorization server (RFC 6749 §2): its id, its secret, and the scopes it may be
/// granted. A client-credentials token (§4.4) acts for the client itself — service to service, no user.
/// </summary>
public sealed record ClientRegistration
{
    public ClientRegistration(string clientId, string secret, params string[] allowedScopes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ArgumentNullException.ThrowIfNull(allowedScopes);
        ClientId = clientId;
        Secret = secret;
        AllowedScopes = new SortedSet<string>(allowedScopes, StringComparer.Ordinal);
    }

    public string ClientId { get; }
    public string Secret { get; }
    public IReadOnlySet<string> AllowedScopes { get; }

    /// <summary>The course's clients: Orders calling Catalog and Payments, a storefront placing orders, an auditor that may only read.</summary>
    public static IReadOnlyList<ClientRegistration> Defaults { get; } =
    [
        new(KnownClients.OrdersService, "orders-secret", Security.Scopes.CatalogRead, Security.Scopes.PaymentsCharge),
        new(KnownClients.Storefront, "storefront-secret", Security.Scopes.OrdersWrite, Security.Scopes.OrdersRead, Security.Scopes.CatalogRead),
        new(KnownClients.Auditor, "auditor-secret", Security.Scopes.OrdersRead),
    ];
}

public static class KnownClients
{
    public const string OrdersService = "orders-service";
    public const string Storefront = "storefront";
    public const string Auditor = "auditor";
}
