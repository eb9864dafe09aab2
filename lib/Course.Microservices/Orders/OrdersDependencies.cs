using System.Security.Cryptography.X509Certificates;

namespace Course.Microservices.Orders;

/// <summary>Where Orders finds its collaborators, and what it shows them: the CA it trusts, its client certificate for Payments' mutual TLS, its OAuth client.</summary>
public sealed record OrdersDependencies(Uri Catalog, Uri Payments, Uri TokenEndpoint, X509Certificate2 TrustedRoot, X509Certificate2 ClientCertificate,
    string ClientId, string ClientSecret)
{
    /// <summary>Where confirmed orders are announced (RabbitMQ); null: nobody is told.</summary>
    public OrderEvents? Events { get; init; }
}
