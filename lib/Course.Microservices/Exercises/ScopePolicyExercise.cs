using System.Security.Claims;
using Course.Microservices.Security;
using Course.Simulation.Exercises;

namespace Course.Microservices.Exercises;

/// <summary>
/// The week's exercise: write the check behind a scope policy — does this validated token grant
/// <c>requiredScope</c>? The traps are the ones real code falls into: the <c>scope</c> claim is one space-separated
/// string (RFC 9068 §2.2.3), so a substring test lets "orders.writer" or "xorders.write" through; scope tokens are
/// case-sensitive (RFC 6749 §3.3); some issuers send one claim per scope; extra spaces happen; a principal with no
/// scope at all grants nothing. Each case is a small principal; the checker compares the answer with the reference.
/// </summary>
public static class ScopePolicyExercise
{
    public sealed record Case(string Name, string[] ScopeClaims, string Required, bool Grants);

    public static IReadOnlyList<Case> Cases { get; } =
    [
        new("exact single scope", ["orders.write"], "orders.write", true),
        new("one of several", ["catalog.read orders.write payments.charge"], "orders.write", true),
        new("not granted", ["catalog.read"], "orders.write", false),
        new("longer scope is not a match", ["orders.writer"], "orders.write", false),
        new("prefixed scope is not a match", ["xorders.write"], "orders.write", false),
        new("case matters", ["ORDERS.WRITE"], "orders.write", false),
        new("one claim per scope", ["catalog.read", "orders.write"], "orders.write", true),
        new("extra spaces", ["  catalog.read   orders.write "], "orders.write", true),
        new("no scope claim", [], "orders.write", false),
        new("empty scope claim", [""], "orders.write", false),
    ];

    /// <summary>The reference solution: the library's <see cref="ScopeClaim.Has"/>.</summary>
    public static bool Reference(ClaimsPrincipal user, string requiredScope) => ScopeClaim.Has(user, requiredScope);

    public static ClaimsPrincipal Principal(IEnumerable<string> scopeClaims) =>
        new(new ClaimsIdentity(scopeClaims.Select(v => new Claim(ScopeClaim.Type, v)).Prepend(new Claim("sub", "learner")), "test"));

    /// <summary>One verdict per case (deterministic: no seeds; "seeds" counts the one run).</summary>
    public static IReadOnlyList<ScenarioVerdict> Check(Func<ClaimsPrincipal, string, bool> hasScope)
    {
        ArgumentNullException.ThrowIfNull(hasScope);
        return Cases.Select(c =>
        {
            try
            {
                var answer = hasScope(Principal(c.ScopeClaims), c.Required);
                return answer == c.Grants
                    ? new ScenarioVerdict(c.Name, true, 1, null, null)
                    : new ScenarioVerdict(c.Name, false, 1, null,
                        $"scope claims [{string.Join(" | ", c.ScopeClaims.Select(s => $"\"{s}\""))}], required \"{c.Required}\": you said {answer}, it should be {c.Grants}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new ScenarioVerdict(c.Name, false, 1, null, $"your function threw {e.GetType().Name}: {e.Message}");
            }
        }).ToArray();
    }
}
