using Course.Distributed.Transactions.Sagas;
using Course.Microservices.Sagas;
using Course.Microservices.Security;
using Plotly.NET;

namespace Course.Notebooks.Microservices;

/// <summary>Presentation helpers for the microservices notebooks: the tapped saga as a sequence chart, a token as a table.</summary>
public static class MicroserviceViews
{
    /// <summary>
    /// Makes SQLite's native library loadable inside the notebook kernel (which has no deps.json for the course library):
    /// Course.Caching.Stores' SqliteStore registers that resolver in its static constructor, so run it once.
    /// </summary>
    public static void UseSqliteInKernel() =>
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Course.Caching.Stores.SqliteStore).TypeHandle);

    /// <summary>The lanes in the order a saga flows: customer, orchestrator (if any), then the services.</summary>
    public static IReadOnlyList<string> SagaLanes(SagaStyle style) => style == SagaStyle.Orchestrated
        ? [SagaEndpoints.Client, SagaEndpoints.Orchestrator, SagaEndpoints.Orders, SagaEndpoints.Payments, SagaEndpoints.Inventory, SagaEndpoints.Shipping]
        : [SagaEndpoints.Client, SagaEndpoints.Orders, SagaEndpoints.Payments, SagaEndpoints.Inventory, SagaEndpoints.Shipping];

    /// <summary>One arrow per (message, receiver), at the time the tap saw it (ms since the tap started), oldest first.</summary>
    public static GenericChart SagaSequence(string title, SagaStyle style, IEnumerable<TappedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var lanes = SagaLanes(style);
        var arrows = messages
            .Where(m => lanes.Contains(m.From))
            .SelectMany(m => m.To.Where(lanes.Contains).Select(to => new SequenceMessage(m.From, to, m.At.TotalMilliseconds, m.At.TotalMilliseconds + 1, m.Kind)))
            .ToArray();
        return Charts.MessageSequence(title, lanes, arrows);
    }

    /// <summary>A JWT's header and payload claims, one row each (decoded, not validated).</summary>
    public static Table DecodeToken(string token)
    {
        var (header, payload) = TokenForge.Decode(token);
        var table = new Table("The access token, decoded (base64url, no validation)", "part", "claim", "value");
        foreach (var (part, json) in new[] { ("header", header), ("payload", payload) })
            foreach (var property in System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject())
                table.Add(part, property.Name, property.Name is "exp" or "iat" or "nbf"
                    ? $"{property.Value} ({DateTimeOffset.FromUnixTimeSeconds(property.Value.GetInt64()):HH:mm:ss} UTC)"
                    : property.Value.ToString());
        return table;
    }
}
