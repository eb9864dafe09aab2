using System.Globalization;
using Course.Caching.Stores;
using Course.Caching.Stores.Demos;
using Course.Infrastructure;
using Course.Queues.Rabbit;

namespace Course.Benchmarks.Queues;

/// <summary>
/// Measured figures, not a BenchmarkDotNet comparison (there is no in-process reference for a broker round trip):
/// RabbitMQ publish (persistent, confirmed) and consume (manual acks) messages/s, and Redis GET round trips/s one at
/// a time and pipelined, all on loopback against the course's local servers. Median of a few bounded runs.
///   dotnet run -c Release --project benchmarks/Course.Benchmarks -- --queues-table [runs]
/// </summary>
public static class LoopbackThroughputTable
{
    private const int Messages = 20_000;
    private const int RedisOps = 20_000;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static void Run(int runs) => RunAsync(runs).GetAwaiter().GetResult();

    private static async Task RunAsync(int runs)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, "At least one run.");
        Console.WriteLine($"Loopback throughput, median of {runs} runs (each bounded by {Messages} messages / {RedisOps} ops and {Limit.TotalSeconds:0} s), {Environment.ProcessorCount} cores");
        await using (var redis = await CourseServices.RedisAsync())
        {
            if (!redis.IsAvailable) Console.WriteLine($"Redis skipped: {redis.Description}");
            else
            {
                await using var cache = await RedisCache.ConnectAsync(redis.Address, "bench");
                await RedisRoundTrips.MeasureAsync(cache, 2_000, Limit);   // warm-up
                var samples = new List<RoundTripResult>();
                for (var r = 0; r < runs; r++) samples.Add(await RedisRoundTrips.MeasureAsync(cache, RedisOps, Limit));
                Console.WriteLine($"Redis {redis.Mode}: GET one at a time {TableStatistics.Median(samples.Select(s => s.SequentialPerSecond)),10:N0} ops/s "
                    + $"({TableStatistics.Median(samples.Select(s => s.MeanRoundTripMicroseconds)):0} µs/round trip); pipelined ×{samples[0].PipelineDepth} "
                    + $"{TableStatistics.Median(samples.Select(s => s.PipelinedPerSecond)),10:N0} ops/s; pipelined/sequential {TableStatistics.Median(samples.Select(s => s.PipelinedPerSecond / s.SequentialPerSecond)):0.0}×");
            }
        }
        await using (var rabbit = await CourseServices.RabbitMqAsync())
        {
            if (!rabbit.IsAvailable) Console.WriteLine($"RabbitMQ skipped: {rabbit.Description}");
            else
            {
                await using var broker = await RabbitBroker.ConnectAsync(rabbit.ConnectionString);
                await RabbitThroughput.MeasureAsync(broker, 2_000, Limit);   // warm-up
                var samples = new List<ThroughputResult>();
                for (var r = 0; r < runs; r++) samples.Add(await RabbitThroughput.MeasureAsync(broker, Messages, Limit));
                Console.WriteLine($"RabbitMQ {rabbit.Mode}: publish (persistent, confirms, window {samples[0].Window}, {samples[0].BodyBytes} B) "
                    + $"{TableStatistics.Median(samples.Select(s => s.PublishedPerSecond)),10:N0} msg/s; consume (manual acks, prefetch {samples[0].Window}) "
                    + $"{TableStatistics.Median(samples.Select(s => s.ConsumedPerSecond)),10:N0} msg/s; counts {string.Join(" ", samples.Select(s => $"{s.Published}/{s.Consumed}"))}");
            }
        }
    }

}
