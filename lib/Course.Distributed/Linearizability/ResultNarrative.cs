using System.Text;

namespace Course.Distributed.Linearizability;

/// <summary>The sentences a learner reads: what was decided and, for an illegal history, where every order breaks.</summary>
internal static class ResultNarrative
{
    public static string Counterexample<TInput, TOutput>(
        HistoryPartition partition,
        IReadOnlyList<int> prefix,
        int blocked,
        IReadOnlyList<int> others,
        string state,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        Func<int, string> label)
    {
        var text = new StringBuilder();
        text.AppendLine(partition.Key == HistoryPartition.WholeHistory
            ? "The history is not linearizable."
            : $"The operations on key \"{partition.Key}\" are not linearizable.");
        if (prefix.Count == 0)
        {
            text.AppendLine($"Not even one of its {partition.Operations.Count} operations can go first; the initial state is {state}.");
        }
        else
        {
            text.AppendLine($"The longest linearizable prefix has {prefix.Count} of its {partition.Operations.Count} operations:");
            for (var k = 0; k < prefix.Count; k++)
                text.AppendLine($"  {k + 1}. {Labels.Line(history, prefix[k], label)}");
            text.AppendLine($"After them the state is {state}.");
        }

        text.AppendLine(
            $"Next, {Labels.Line(history, blocked, label)} must take effect, since it returned at {history[blocked].Return}, " +
            "but the model does not allow it in that state.");
        if (others.Count > 0)
        {
            text.AppendLine("Nor does it allow any other operation that was already called:");
            foreach (var o in others)
                text.AppendLine($"  - {Labels.Line(history, o, label)}");
        }

        text.Append("No order of the operations that respects real time gets further (every one was searched).");
        return text.ToString();
    }

    public static string Explain<TInput, TOutput>(LinearizabilityResult<TInput, TOutput> result)
    {
        var partitions = result.Partitions.Count;
        var explored = result.Partitions.Sum(p => (long)p.ConfigurationsExplored);
        var cost = $"{result.Elapsed.TotalMilliseconds:0.#} ms, {explored} configurations";
        switch (result.Outcome)
        {
            case CheckOutcome.Ok:
                return $"Linearizable: all {result.History.Count} operations ({partitions} partition{(partitions == 1 ? "" : "s")}) " +
                       $"fit one sequential order that respects real time ({cost}).";
            case CheckOutcome.Unknown:
                var decided = result.Partitions.Count(p => p.Outcome != CheckOutcome.Unknown);
                return $"Unknown: the time budget of {result.Timeout} ran out after {decided} of {partitions} partitions were decided ({cost}). " +
                       "The history may or may not be linearizable: give the checker more time or check a shorter history.";
            default:
                var text = new StringBuilder();
                text.AppendLine($"Not linearizable: no legal order exists for {result.Counterexamples.Count} of {partitions} partition{(partitions == 1 ? "" : "s")} ({cost}).");
                foreach (var c in result.Counterexamples)
                {
                    text.AppendLine();
                    text.AppendLine(c.Explanation);
                }

                return text.ToString().TrimEnd();
        }
    }
}
