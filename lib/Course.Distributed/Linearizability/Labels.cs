namespace Course.Distributed.Linearizability;

/// <summary>How operations and their times are written in explanations and on timelines.</summary>
internal static class Labels
{
    public static string Of<TState, TInput, TOutput>(Model<TState, TInput, TOutput> model, Operation<TInput, TOutput> op) =>
        op.IsPending ? $"{model.DescribeCall(op.Input)} (never returned)" : model.DescribeOperation(op.Input, op.Output);

    public static string Interval<TInput, TOutput>(Operation<TInput, TOutput> op) =>
        op.IsPending ? $"[{op.Call}, ∞)" : $"[{op.Call}, {op.Return}]";

    /// <summary>"client 2 [5, 9] read() → 3".</summary>
    public static string Line<TInput, TOutput>(IReadOnlyList<Operation<TInput, TOutput>> history, int i, Func<int, string> label) =>
        $"client {history[i].ClientId} {Interval(history[i])} {label(i)}";
}
