using System.Diagnostics;
using StackExchange.Redis;

namespace Course.Caching.Stores.Demos;

/// <summary>
/// Redis throughput on loopback, measured: one GET at a time (each waits for its reply: latency-bound), and
/// <c>pipelineDepth</c> GETs in flight (StackExchange.Redis pipelines them on one connection: throughput-bound).
/// Bounded in count and in time.
/// </summary>
public static class RedisRoundTrips
{
    public static async Task<RoundTripResult> MeasureAsync(RedisCache cache, int operations, TimeSpan timeLimit, int pipelineDepth = 64)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentOutOfRangeException.ThrowIfLessThan(operations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pipelineDepth, 1);
        if (timeLimit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "timeLimit must be positive.");
        var key = cache.KeyOf("bench:key");
        var db = cache.Database;
        await db.StringSetAsync(key, "value").ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var sequential = 0;
        while (sequential < operations && clock.Elapsed < timeLimit)
        {
            await db.StringGetAsync(key).ConfigureAwait(false);
            sequential++;
        }
        var sequentialRate = sequential / clock.Elapsed.TotalSeconds;

        clock.Restart();
        var pipelined = 0;
        var batch = new Task<RedisValue>[pipelineDepth];
        while (pipelined < operations && clock.Elapsed < timeLimit)
        {
            for (var i = 0; i < batch.Length; i++) batch[i] = db.StringGetAsync(key);
            await Task.WhenAll(batch).ConfigureAwait(false);
            pipelined += batch.Length;
        }
        var pipelinedRate = pipelined / clock.Elapsed.TotalSeconds;
        await db.KeyDeleteAsync(key).ConfigureAwait(false);
        return new RoundTripResult(sequential, sequentialRate, pipelined, pipelineDepth, pipelinedRate);
    }
}

/// <summary>GETs per second, one at a time and pipelined.</summary>
public sealed record RoundTripResult(int SequentialOps, double SequentialPerSecond, int PipelinedOps, int PipelineDepth, double PipelinedPerSecond)
{
    public double MeanRoundTripMicroseconds => 1e6 / SequentialPerSecond;
}
