using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Course.Gateway.Api;

/// <summary>
/// A signed JWT in its compact form (RFC 7515 §7.1): <c>header.payload.signature</c>, each part base64url. For reading a
/// token and for building the attacks the course shows refused; nothing here validates anything.
/// </summary>
public static class CompactJws
{
    /// <summary>The three parts, still encoded; a clear error for anything that is not three dot-separated parts.</summary>
    public static string[] Parts(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        return parts.Length == 3 ? parts : throw new ArgumentException($"A JWS compact token has 3 dot-separated parts, not {parts.Length}.", nameof(token));
    }

    /// <summary>The header and payload as JSON text.</summary>
    public static (string Header, string Payload) Decode(string token)
    {
        var parts = Parts(token);
        return (Base64UrlEncoder.Decode(parts[0]), Base64UrlEncoder.Decode(parts[1]));
    }

    /// <summary>
    /// <paramref name="token"/> with its payload edited by <paramref name="edit"/> and the old signature kept: what an
    /// attacker who cannot sign would send. Validation must fail on the signature.
    /// </summary>
    public static string WithEditedPayload(string token, Action<JsonObject> edit)
    {
        var parts = Parts(token);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        edit(payload);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }
}
