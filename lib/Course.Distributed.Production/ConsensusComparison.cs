using System.Diagnostics;
using Course.Distributed.Raft;
using Course.Distributed.Transport;
using Course.Simulation;

namespace Course.Distributed.Production;

/// <summary>
/// Runs one scenario on our Raft and on DotNext's, with the same timing, and reports the figures side by side:
/// start → first leader; N sequential writes (commit latency); a read; kill the leader → a new leader; restart the
/// old one → it catches up. Every step is bounded by <see cref="ComparisonOptions.StepTimeout"/>.
/// </summary>
public static class ConsensusComparison
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public static async Task<ComparisonReport> RunAsync(ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        options.Validate();
        if (options.Warmup)
        {
            var warmup = options with { Writes = 3 };
            await RunScenarioAsync(() => StartOursAsync(warmup), warmup).ConfigureAwait(false);
            await RunScenarioAsync(() => StartDotNextAsync(warmup), warmup).ConfigureAwait(false);
        }
        var ours = await RunScenarioAsync(() => StartOursAsync(options), options).ConfigureAwait(false);
        var dotNext = await RunScenarioAsync(() => StartDotNextAsync(options), options).ConfigureAwait(false);
        return new ComparisonReport([ours, dotNext], DotNextFeatures.All, options);
    }

    public static async Task<IKvCluster> StartOursAsync(ComparisonOptions options) =>
        await CourseKvCluster.StartAsync(options.Nodes, OursOptions(options)).ConfigureAwait(false);

    public static async Task<IKvCluster> StartDotNextAsync(ComparisonOptions options) =>
        await DotNextKvCluster.StartAsync(options.Nodes, new DotNextKvOptions
        {
            ElectionTimeoutMin = options.ElectionTimeoutMin,
            ElectionTimeoutMax = options.ElectionTimeoutMax,
        }).ConfigureAwait(false);

    /// <summary>Our timeouts in whole ticks; heartbeat at half the minimum election timeout, DotNext's default ratio.</summary>
    public static RaftLocalClusterOptions OursOptions(ComparisonOptions options)
    {
        var min = (int)Math.Round(options.ElectionTimeoutMin / options.TickInterval);
        var max = Math.Max(min + 1, (int)Math.Round(options.ElectionTimeoutMax / options.TickInterval));
        return new RaftLocalClusterOptions
        {
            TickInterval = options.TickInterval,
            Raft = new RaftOptions { ElectionTimeoutMinTicks = min, ElectionTimeoutMaxTicks = max, HeartbeatTicks = Math.Max(1, min / 2) },
        };
    }

    /// <summary>The scenario on any <see cref="IKvCluster"/>; <paramref name="start"/> starts a fresh cluster, which is disposed at the end.</summary>
    public static async Task<ScenarioResult> RunScenarioAsync(Func<Task<IKvCluster>> start, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        var step = options.StepTimeout;
        var clock = Stopwatch.StartNew();
        await using var cluster = await start().ConfigureAwait(false);
        var first = await cluster.WaitForLeaderAsync(step).ConfigureAwait(false);
        var timeToFirstLeader = clock.Elapsed;

        var latencies = new List<TimeSpan>(options.Writes);
        for (var i = 0; i < options.Writes; i++)
        {
            clock.Restart();
            await cluster.SetAsync($"key{i}", $"value{i}", step).ConfigureAwait(false);
            latencies.Add(clock.Elapsed);
        }
        var last = options.Writes - 1;
        var readBack = await cluster.GetAsync($"key{last}", step).ConfigureAwait(false) == $"value{last}";

        var leader = await cluster.WaitForLeaderAsync(step).ConfigureAwait(false);
        clock.Restart();
        await cluster.KillAsync(leader.Node).ConfigureAwait(false);
        var next = await cluster.WaitForLeaderAsync(step, afterTerm: leader.Term).ConfigureAwait(false);
        var timeToReelect = clock.Elapsed;

        await cluster.SetAsync("after-kill", "yes", step).ConfigureAwait(false);
        clock.Restart();
        await cluster.RestartAsync(leader.Node).ConfigureAwait(false);
        var caughtUp = await Eventually.TrueAsync(() => HasEverything(cluster.StateOf(leader.Node), options.Writes), step, PollInterval).ConfigureAwait(false);
        var timeToCatchUp = clock.Elapsed;

        return new ScenarioResult(cluster.Name, timeToFirstLeader, first.Term, LatencySummary.Of(latencies), readBack,
            timeToReelect, next.Term, timeToCatchUp, caughtUp);
    }

    private static bool HasEverything(IReadOnlyDictionary<string, string> state, int writes) =>
        state.GetValueOrDefault("after-kill") == "yes"
        && Enumerable.Range(0, writes).All(i => state.GetValueOrDefault($"key{i}") == $"value{i}");
}
