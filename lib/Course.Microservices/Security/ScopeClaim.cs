using System.Security.Claims;

namespace Course.Microservices.Security;

/// <summary>
/// Reads the granted scopes from a validated access token. RFC 9068 §2.2.3 puts them in one <c>scope</c> claim as a
/// space-separated list (RFC 6749 §3.3: case-sensitive tokens); some issuers send one claim per scope instead, so both
/// are accepted. The test is whole-token equality: "orders.write" is not granted by "orders.writer" or "ORDERS.WRITE".
/// </summary>
public static class ScopeClaim
{
    public const string Type = "scope";

    public static IReadOnlySet<string> Granted(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in user.FindAll(Type))
            foreach (var token in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                granted.Add(token);
        return granted;
    }

    public static bool Has(ClaimsPrincipal user, string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return Granted(user).Contains(scope);
    }
}
