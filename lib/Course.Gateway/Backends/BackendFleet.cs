using System.Collections;

namespace Course.Gateway.Backends;

/// <summary>Several <see cref="LoopbackBackend"/>s started together and stopped together (one <c>await using</c>).</summary>
public sealed class BackendFleet : IReadOnlyList<LoopbackBackend>, IAsyncDisposable
{
    private readonly IReadOnlyList<LoopbackBackend> _backends;

    private BackendFleet(IReadOnlyList<LoopbackBackend> backends) => _backends = backends;

    /// <summary>Starts one backend per name, in order; if one fails to start, the others are stopped before the error surfaces.</summary>
    public static async Task<BackendFleet> StartAsync(IEnumerable<string> names, TimeSpan? latency = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToArray();
        if (list.Length == 0) throw new ArgumentException("a fleet needs at least one backend name", nameof(names));
        if (list.Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Length)
            throw new ArgumentException($"backend names must be unique: {string.Join(", ", list)}", nameof(names));
        var started = new List<LoopbackBackend>();
        try
        {
            foreach (var name in list) started.Add(await LoopbackBackend.StartAsync(name, latency, cancellationToken).ConfigureAwait(false));
            return new BackendFleet(started);
        }
        catch
        {
            foreach (var backend in started) await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static Task<BackendFleet> StartAsync(params string[] names) => StartAsync(names, null);

    public LoopbackBackend this[int index] => _backends[index];
    public LoopbackBackend this[string name] => _backends.FirstOrDefault(b => b.Name == name)
        ?? throw new KeyNotFoundException($"no backend '{name}' in the fleet ({string.Join(", ", _backends.Select(b => b.Name))})");
    public int Count => _backends.Count;

    /// <summary>Requests served per backend name (health probes excluded).</summary>
    public IReadOnlyDictionary<string, long> Served() => _backends.ToDictionary(b => b.Name, b => b.Served);

    public IEnumerator<LoopbackBackend> GetEnumerator() => _backends.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync().ConfigureAwait(false);
    }
}
