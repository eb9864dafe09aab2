namespace Course.Microservices.Security;

/// <summary>
/// The OAuth 2.0 scopes (RFC 6749 §3.3) the services understand, and the audience (resource, RFC 8707) each belongs
/// to: a token for the Catalog says <c>aud: catalog</c>, so it is refused by Orders even when correctly signed.
/// </summary>
public static class Scopes
{
    public const string CatalogRead = "catalog.read";
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string PaymentsCharge = "payments.charge";

    public static IReadOnlyList<string> All { get; } = [CatalogRead, OrdersRead, OrdersWrite, PaymentsCharge];

    /// <summary>The service (the token's audience) a scope grants access to.</summary>
    public static string AudienceOf(string scope) => scope switch
    {
        CatalogRead => Audiences.Catalog,
        OrdersRead or OrdersWrite => Audiences.Orders,
        PaymentsCharge => Audiences.Payments,
        _ => throw new ArgumentException($"Unknown scope '{scope}'; known: {string.Join(", ", All)}.", nameof(scope)),
    };
}

/// <summary>The audiences: one per resource server.</summary>
public static class Audiences
{
    public const string Catalog = "catalog";
    public const string Orders = "orders";
    public const string Payments = "payments";
}
