namespace Course.Gateway.Api;

/// <summary>
/// A per-client rate limit for the API gateway (the client is <see cref="Backends.BackendHeaders.ClientId"/>, else the token's
/// subject, else the address). Over the limit the gateway answers 429 Too Many Requests with Retry-After (RFC 6585 §4).
/// </summary>
public abstract record RateLimitSpec
{
    private protected RateLimitSpec() { }

    /// <summary>
    /// A bucket of <paramref name="Capacity"/> tokens, refilled by <paramref name="TokensPerPeriod"/> every <paramref name="Period"/>;
    /// each request takes one. Allows bursts up to the capacity, then the refill rate (in process: System.Threading.RateLimiting).
    /// </summary>
    public sealed record TokenBucket(int Capacity, int TokensPerPeriod, TimeSpan Period) : RateLimitSpec
    {
        internal override void Validate()
        {
            Positive(Capacity, nameof(Capacity));
            Positive(TokensPerPeriod, nameof(TokensPerPeriod));
            Check.Positive(Period, "rate limit period");
        }
    }

    /// <summary>
    /// At most <paramref name="Permits"/> requests in any <paramref name="Window"/>, tracked in <paramref name="Segments"/> slices
    /// (more slices, a smoother slide; one slice is a fixed window with its boundary burst).
    /// </summary>
    public sealed record SlidingWindow(int Permits, TimeSpan Window, int Segments = 4) : RateLimitSpec
    {
        internal override void Validate()
        {
            Positive(Permits, nameof(Permits));
            Positive(Segments, nameof(Segments));
            Check.Positive(Window, "rate limit window");
        }
    }

    /// <summary>
    /// A token bucket kept in Redis (<paramref name="RedisAddress"/>, "host:port") and updated by one Lua script, so every gateway
    /// instance that shares the Redis and the <paramref name="KeyPrefix"/> shares the budget.
    /// </summary>
    public sealed record DistributedTokenBucket(string RedisAddress, int Capacity, double TokensPerSecond, string KeyPrefix = "course:ratelimit:") : RateLimitSpec
    {
        internal override void Validate()
        {
            Check.Name(RedisAddress, "Redis address");
            Positive(Capacity, nameof(Capacity));
            if (!(TokensPerSecond > 0) || double.IsInfinity(TokensPerSecond))
                throw new ArgumentOutOfRangeException(nameof(TokensPerSecond), TokensPerSecond, "the refill rate must be a positive, finite number of tokens per second");
        }
    }

    internal abstract void Validate();

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"rate limit {name} must be at least 1");
    }
}
