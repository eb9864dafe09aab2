namespace Course.LoadBalancing.Cdn;

/// <summary>
/// One cache (an edge or a regional cache): entries keyed by cache key, each with the object version it holds
/// and its expiry. Expiry is inherited from the parent (HTTP's Age: a copy fetched from a regional cache expires
/// when the regional copy does, not a full TTL later — RFC 9111 §4.2.3).
/// </summary>
internal sealed class CacheNode(string name, CacheNode? parent)
{
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>The next tier; null means the origin.</summary>
    public CacheNode? Parent { get; } = parent;

    public bool TryGet(string key, out CacheEntry entry) => _entries.TryGetValue(key, out entry);
    public void Put(string key, CacheEntry entry) => _entries[key] = entry;
    public void Purge() => _entries.Clear();
    public int Count => _entries.Count;
}

internal readonly record struct CacheEntry(int Version, TimeSpan ExpiresAt);
