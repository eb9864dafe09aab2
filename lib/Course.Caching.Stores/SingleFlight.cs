using System.Collections.Concurrent;

namespace Course.Caching.Stores;

/// <summary>
/// Request coalescing ("single flight", after Go's golang.org/x/sync/singleflight): concurrent calls for the same
/// key share one in-flight load instead of each querying the database. N readers missing the same hot key at once
/// become 1 query. The entry is removed when the load finishes, so results are never cached here (that is the
/// cache's job) and a failed load is retried by the next caller rather than remembered.
/// </summary>
public sealed class SingleFlight<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _inFlight = new();
    private long _loads;
    private long _coalesced;

    /// <summary>How many loads actually ran.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>How many calls joined a load already in flight.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    public async Task<TValue> DoAsync(TKey key, Func<TKey, Task<TValue>> load)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        Lazy<Task<TValue>>? mine = null;
        mine = new Lazy<Task<TValue>>(() => RunAsync(key, load, mine!));
        var flight = _inFlight.GetOrAdd(key, mine);
        if (!ReferenceEquals(flight, mine)) Interlocked.Increment(ref _coalesced);
        return await flight.Value.ConfigureAwait(false);
    }

    private async Task<TValue> RunAsync(TKey key, Func<TKey, Task<TValue>> load, Lazy<Task<TValue>> self)
    {
        Interlocked.Increment(ref _loads);
        try
        {
            await Task.Yield();   // let concurrent callers find this flight before the load can finish
            return await load(key).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, self));   // only this flight, never a newer one
        }
    }
}
