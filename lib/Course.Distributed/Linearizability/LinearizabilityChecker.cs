using System.Diagnostics;

namespace Course.Distributed.Linearizability;

/// <summary>
/// Decides whether a concurrent history is linearizable (Herlihy &amp; Wing 1990) with respect to a sequential model,
/// by Wing &amp; Gong's (1993) search with Lowe's (2017) just-in-time linearization and memoization, per partition,
/// as porcupine does. It never guesses: if the time budget runs out, the answer is <see cref="CheckOutcome.Unknown"/>.
/// </summary>
public static class LinearizabilityChecker
{
    /// <param name="model">The sequential specification.</param>
    /// <param name="history">The operations, in any order.</param>
    /// <param name="timeout">The time budget for the whole check; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</param>
    public static LinearizabilityResult<TInput, TOutput> Check<TState, TInput, TOutput>(
        Model<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> history, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        if (timeout < TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The time budget must not be negative (or be Timeout.InfiniteTimeSpan).");
        for (var i = 0; i < history.Count; i++)
        {
            var op = history[i] ?? throw new ArgumentException($"history[{i}] is null.", nameof(history));
            if (op.Return < op.Call)
                throw new ArgumentException($"history[{i}] returns at {op.Return}, before its call at {op.Call}.", nameof(history));
        }

        var started = Stopwatch.GetTimestamp();
        var deadline = Deadline(started, timeout);
        var partitions = ValidPartitions(model, history);
        string Label(int i) => Labels.Of(model, history[i]);

        var results = new List<PartitionResult>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                results.Add(new PartitionResult(partition.Key, partition.Operations, CheckOutcome.Unknown, [], null, 0));
                continue;
            }

            var ops = partition.Operations.Select(i => history[i]).ToArray();
            var found = JustInTimeSearch.Run(model, ops, deadline);
            int Global(int local) => partition.Operations[local];
            var linearization = found.Linearization.Select(Global).ToArray();
            Counterexample? counterexample = null;
            if (found.Outcome == CheckOutcome.Illegal)
            {
                var blocked = Global(found.FirstUnlinearizable!.Value);
                var others = found.Candidates.Select(Global).ToArray();
                var state = model.DescribeState(found.StateAfter);
                counterexample = new Counterexample(
                    partition.Key, linearization, blocked, others, state,
                    ResultNarrative.Counterexample(partition, linearization, blocked, others, state, history, Label));
            }

            results.Add(new PartitionResult(
                partition.Key, partition.Operations, found.Outcome, linearization, counterexample, found.Configurations));
        }

        return new LinearizabilityResult<TInput, TOutput>(
            history, results, Label, timeout, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Checks a history given as call and return events (see <see cref="History.FromEvents{TInput, TOutput}"/>).</summary>
    public static LinearizabilityResult<TInput, TOutput> CheckEvents<TState, TInput, TOutput>(
        Model<TState, TInput, TOutput> model, IReadOnlyList<Event<TInput, TOutput>> events, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Check(model, History.FromEvents(events), timeout);
    }

    private static long Deadline(long started, TimeSpan timeout)
    {
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
            return long.MaxValue;
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue - started ? long.MaxValue : started + (long)ticks;
    }

    // A partition that drops or repeats an operation would make the verdict wrong without anyone noticing.
    private static IReadOnlyList<HistoryPartition> ValidPartitions<TState, TInput, TOutput>(
        Model<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> history)
    {
        var partitions = model.Partition(history)
            ?? throw new ArgumentException($"{model.GetType().Name}.Partition returned null.", nameof(model));
        var seen = new bool[history.Count];
        foreach (var partition in partitions)
        {
            if (partition?.Operations is null || partition.Key is null)
                throw new ArgumentException($"{model.GetType().Name}.Partition returned an incomplete partition.", nameof(model));
            foreach (var i in partition.Operations)
            {
                if (i < 0 || i >= history.Count || seen[i])
                    throw new ArgumentException(
                        $"{model.GetType().Name}.Partition puts operation {i} {(i < 0 || i >= history.Count ? "out of range" : "in two partitions")}.",
                        nameof(model));
                seen[i] = true;
            }
        }

        var missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new ArgumentException($"{model.GetType().Name}.Partition leaves out operation {missing}.", nameof(model));
        return partitions;
    }
}
