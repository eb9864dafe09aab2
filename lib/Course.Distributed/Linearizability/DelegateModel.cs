namespace Course.Distributed.Linearizability;

/// <summary>Builds a model from functions, for a notebook cell that specifies an object inline (porcupine's Model struct).</summary>
public static class Model
{
    public static Model<TState, TInput, TOutput> Create<TState, TInput, TOutput>(
        Func<TState> init,
        Func<TState, TInput, TOutput, (bool Ok, TState State)> step,
        Func<TState, TInput, (bool Ok, TState State)>? stepPending = null,
        Func<TInput, string>? partitionKey = null,
        Func<TInput, TOutput, string>? describeOperation = null,
        Func<TState, string>? describeState = null)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(step);
        return new DelegateModel<TState, TInput, TOutput>(init, step, stepPending, partitionKey, describeOperation, describeState);
    }
}

internal sealed class DelegateModel<TState, TInput, TOutput>(
    Func<TState> init,
    Func<TState, TInput, TOutput, (bool Ok, TState State)> step,
    Func<TState, TInput, (bool Ok, TState State)>? stepPending,
    Func<TInput, string>? partitionKey,
    Func<TInput, TOutput, string>? describeOperation,
    Func<TState, string>? describeState) : Model<TState, TInput, TOutput>
{
    public override TState Init() => init();

    public override (bool Ok, TState State) Step(TState state, TInput input, TOutput output) => step(state, input, output);

    public override (bool Ok, TState State) StepPending(TState state, TInput input) =>
        stepPending is null ? base.StepPending(state, input) : stepPending(state, input);

    public override IReadOnlyList<HistoryPartition> Partition(IReadOnlyList<Operation<TInput, TOutput>> history) =>
        partitionKey is null ? base.Partition(history) : PartitionByKey(history, partitionKey);

    public override string DescribeOperation(TInput input, TOutput output) =>
        describeOperation is null ? base.DescribeOperation(input, output) : describeOperation(input, output);

    public override string DescribeState(TState state) => describeState is null ? base.DescribeState(state) : describeState(state);
}
