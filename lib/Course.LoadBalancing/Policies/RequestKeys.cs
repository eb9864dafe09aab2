using Course.Distributed.Hashing;

namespace Course.LoadBalancing.Policies;

internal static class RequestKeys
{
    /// <summary>
    /// The 64-bit hash of the request's affinity key (week 3's stable <see cref="KeyHash"/>). A request
    /// without a key has nothing to stick to, so it gets a random point — hashing degrades to random.
    /// </summary>
    public static ulong Hash(RequestContext context) =>
        context.Key is { } key ? KeyHash.Of(key) : (ulong)context.Random.NextInt64() ^ ((ulong)context.Random.Next() << 63);
}
