using StackExchange.Redis;

namespace Course.Gateway.Api;

/// <summary>The verdict for one request: allowed or not, how long until a token is back, tokens left.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter, long Remaining);

/// <summary>
/// A token bucket shared by every process that talks to the same Redis. Read-refill-take-write must be atomic across
/// instances, so it is one Lua script (Redis runs a script without interleaving other commands), and it reads Redis's own
/// clock (TIME) so instances with skewed clocks still agree. State per client: a hash {tokens, at}, expiring when full again.
/// The production equivalent is the RedisRateLimiting package (same idea, more algorithms); this is the part the course teaches.
/// </summary>
public sealed class RedisTokenBucket(IDatabase redis, string keyPrefix, int capacity, double tokensPerSecond)
{
    // KEYS[1] = bucket; ARGV = capacity, tokens per millisecond. Returns {allowed, wait ms, whole tokens left}.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or capacity
        local at = tonumber(state[2]) or now
        tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
        local allowed, wait = 0, 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        else
          wait = math.ceil((1 - tokens) / rate)
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
        return {allowed, wait, math.floor(tokens)}
        """;

    public async Task<RateDecision> TryTakeAsync(string client)
    {
        var result = (RedisResult[])(await redis.ScriptEvaluateAsync(Script, [new RedisKey(keyPrefix + client)],
            [capacity, (tokensPerSecond / 1000.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)]).ConfigureAwait(false))!;
        return new RateDecision((long)result[0] == 1, TimeSpan.FromMilliseconds((long)result[1]), (long)result[2]);
    }
}
