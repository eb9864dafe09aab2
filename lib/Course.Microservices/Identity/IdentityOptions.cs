using Microsoft.IdentityModel.Tokens;

namespace Course.Microservices.Identity;

/// <summary>The authorization server's configuration, checked when it is built: a missing key fails here, not at the first token.</summary>
public sealed record IdentityOptions
{
    public IdentityOptions(SecurityKey? signingKey, IReadOnlyList<ClientRegistration>? clients = null)
    {
        SigningKey = signingKey ?? throw new ArgumentNullException(nameof(signingKey),
            "The authorization server needs a signing key (an RSA key) to sign access tokens; services validate with its public half.");
        if (signingKey is AsymmetricSecurityKey { PrivateKeyStatus: PrivateKeyStatus.DoesNotExist })
            throw new ArgumentException("The signing key has no private key: it can verify tokens but not sign them.", nameof(signingKey));
        Clients = clients ?? ClientRegistration.Defaults;
        if (Clients.Count == 0) throw new ArgumentException("The authorization server needs at least one client.", nameof(clients));
        var duplicate = Clients.GroupBy(c => c.ClientId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two clients are registered as '{duplicate.Key}'.", nameof(clients));
    }

    public SecurityKey SigningKey { get; }
    public IReadOnlyList<ClientRegistration> Clients { get; }

    private readonly TimeSpan _lifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long an access token lives (default 5 minutes: short, since a JWT cannot be revoked before it expires).</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _lifetime;
        init => _lifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(AccessTokenLifetime), value, "AccessTokenLifetime must be positive.");
    }
}
