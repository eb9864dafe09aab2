using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Course.Gateway.Api;

/// <summary>
/// A small JWT issuer for tests and notebooks: an HMAC-SHA256 signing key made at run time (never a key in source),
/// one issuer and one audience. The gateway validates with <see cref="ValidationParameters"/> through ASP.NET's JWT bearer
/// handler — the same parameters a real identity provider's tokens would be checked against (RFC 7519 §4.1).
/// </summary>
public sealed class TokenIssuer
{
    public const string DefaultIssuer = "https://issuer.course.local";
    public const string DefaultAudience = "course-gateway";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenIssuer(string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        Issuer = Check.Name(issuer, "token issuer");
        Audience = Check.Name(audience, "token audience");
        SigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)) };
    }

    public string Issuer { get; }
    public string Audience { get; }
    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>A signed token for <paramref name="subject"/>, valid from <paramref name="now"/> for <paramref name="lifetime"/> (default 10 min).</summary>
    public string Issue(string subject, TimeSpan? lifetime = null, string? audience = null, DateTimeOffset? now = null)
    {
        Check.Name(subject, "token subject");
        var start = now ?? DateTimeOffset.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject)]),
            IssuedAt = start.UtcDateTime,
            NotBefore = start.UtcDateTime,
            Expires = (start + (lifetime ?? TimeSpan.FromMinutes(10))).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token that expired an hour ago (issued two hours ago for one hour).</summary>
    public string IssueExpired(string subject) => Issue(subject, TimeSpan.FromHours(1), now: DateTimeOffset.UtcNow.AddHours(-2));

    /// <summary>
    /// <paramref name="token"/> with its payload changed to claim another subject and the signature kept: what an attacker
    /// who cannot sign would send. Validation must fail on the signature.
    /// </summary>
    public static string Tamper(string token, string newSubject = "admin") =>
        CompactJws.WithEditedPayload(token, payload => payload[JwtRegisteredClaimNames.Sub] = newSubject);

    /// <summary>What the gateway checks: signature with this key, issuer, audience, lifetime — with no clock skew allowance.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.Zero,
    };
}
