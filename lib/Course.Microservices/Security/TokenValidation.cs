using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Course.Microservices.Security;

/// <summary>
/// What a resource server checks on every bearer token (RFC 6750, RFC 9068 §4): the signature with the issuer's
/// public key and an allowed algorithm (so <c>alg: none</c> and HMAC-with-the-public-key tricks fail), the issuer, its
/// own audience, and the lifetime (<c>exp</c>, <c>nbf</c>) with a small clock skew. Scope policies then turn a valid
/// token without the needed scope into 403 instead of 401.
/// </summary>
public sealed record TokenValidation
{
    public TokenValidation(Uri issuer, string audience, SecurityKey signingKey)
    {
        Issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        Audience = string.IsNullOrWhiteSpace(audience) ? throw new ArgumentException("audience must not be empty.", nameof(audience)) : audience;
        SigningKey = signingKey ?? throw new ArgumentNullException(nameof(signingKey), "A service cannot validate tokens without the issuer's signing key.");
    }

    public Uri Issuer { get; }
    public string Audience { get; }
    public SecurityKey SigningKey { get; }

    /// <summary>How far apart two clocks may be. The handler's default is 5 minutes; 30 s keeps expiry meaningful.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    public TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = Issuer.AbsoluteUri,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        NameClaimType = "sub",
    };

    /// <summary>JWT bearer authentication with these checks, and one authorization policy per scope (named after it).</summary>
    public void AddTo(IServiceCollection services, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false; // keep "scope" and "sub" as the token names them
            options.TokenValidationParameters = Parameters();
        });
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in scopes)
            authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => ScopeClaim.Has(c.User, scope)));
    }
}
