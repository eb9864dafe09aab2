namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Who receives what: every endpoint that consumes a message kind gets every message of it (publish/subscribe;
/// a command is the case with one subscriber). Built from the handlers' <see cref="ISagaHandler.Consumes"/>;
/// over RabbitMQ the same table becomes the queue bindings.
/// </summary>
public sealed class SagaRoutes
{
    private readonly SortedDictionary<string, IReadOnlyList<string>> _byKind = new(StringComparer.Ordinal);

    public SagaRoutes(IEnumerable<ISagaHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var byKind = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var endpoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!endpoints.Add(handler.Endpoint)) throw new ArgumentException($"Two handlers share the endpoint {handler.Endpoint}.", nameof(handlers));
            foreach (var type in handler.Consumes)
                (byKind.TryGetValue(type.Name, out var list) ? list : byKind[type.Name] = []).Add(handler.Endpoint);
        }
        foreach (var (kind, list) in byKind) _byKind[kind] = list;
        Endpoints = [.. endpoints.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>Message kind → the endpoints that consume it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByKind => _byKind;

    public IReadOnlyList<string> For(string kind) => _byKind.TryGetValue(kind, out var list) ? list : [];
}
