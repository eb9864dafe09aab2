using System.Security.Cryptography;
using Course.Gateway.Api;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Course.Microservices.Security;

/// <summary>
/// Makes the tokens an attacker (or a clock, or a misconfigured client) would present, so tests and the notebook can
/// show each one refused: expired, not yet valid, wrong issuer, wrong audience, a tampered payload, <c>alg: none</c>
/// (the classic JWT library bug, RFC 8725 §2.1), and one signed by another key. Uses the real signing key where the
/// attack is about something else than the signature.
/// </summary>
public sealed class TokenForge(SecurityKey signingKey, Uri issuer)
{
    private readonly SigningCredentials _credentials = new(signingKey ?? throw new ArgumentNullException(nameof(signingKey)), SecurityAlgorithms.RsaSha256);

    /// <summary>A correct token: what the server would issue for these scopes.</summary>
    public string Valid(string audience, params string[] scopes) =>
        Create(_credentials, issuer.AbsoluteUri, audience, scopes, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));

    public string Expired(string audience, params string[] scopes) =>
        Create(_credentials, issuer.AbsoluteUri, audience, scopes, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));

    public string NotYetValid(string audience, params string[] scopes) =>
        Create(_credentials, issuer.AbsoluteUri, audience, scopes, DateTime.UtcNow.AddHours(1), DateTime.UtcNow.AddHours(2));

    public string WrongIssuer(string audience, params string[] scopes) =>
        Create(_credentials, "https://evil.example/", audience, scopes, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));

    public string WrongAudience(string audience, params string[] scopes) =>
        Create(_credentials, issuer.AbsoluteUri, audience + "-elsewhere", scopes, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));

    /// <summary>Signed with a fresh RSA key the services have never seen.</summary>
    public string SignedByAnotherKey(string audience, params string[] scopes)
    {
        using var rsa = RSA.Create(2048);
        var other = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)), SecurityAlgorithms.RsaSha256);
        return Create(other, issuer.AbsoluteUri, audience, scopes, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5));
    }

    /// <summary>A valid token whose payload was edited (a scope added) after signing: the signature no longer matches.</summary>
    public static string Tampered(string token, string extraScope) =>
        CompactJws.WithEditedPayload(token, payload => payload["scope"] = $"{payload["scope"]?.GetValue<string>()} {extraScope}".Trim());

    /// <summary>The same claims with header <c>{"alg":"none"}</c> and no signature (RFC 7519 §6 unsecured JWT).</summary>
    public static string AlgNone(string token) => $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{CompactJws.Parts(token)[1]}.";

    /// <summary>The header and payload as JSON, for reading a token (no validation).</summary>
    public static (string Header, string Payload) Decode(string token) => CompactJws.Decode(token);

    private static string Create(SigningCredentials credentials, string iss, string audience, string[] scopes, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = iss,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = credentials,
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object> { ["sub"] = "forger", ["scope"] = string.Join(' ', scopes) },
        });
}
