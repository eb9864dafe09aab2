namespace Course.Distributed.Linearizability;

/// <summary>A model checked as a single object: everything delegates to the inner model except <see cref="Partition"/>.</summary>
internal sealed class UnpartitionedModel<TState, TInput, TOutput>(Model<TState, TInput, TOutput> inner) : Model<TState, TInput, TOutput>
{
    public override TState Init() => inner.Init();

    public override (bool Ok, TState State) Step(TState state, TInput input, TOutput output) => inner.Step(state, input, output);

    public override (bool Ok, TState State) StepPending(TState state, TInput input) => inner.StepPending(state, input);

    public override bool StateEquals(TState a, TState b) => inner.StateEquals(a, b);

    public override int StateHash(TState state) => inner.StateHash(state);

    public override string DescribeOperation(TInput input, TOutput output) => inner.DescribeOperation(input, output);

    public override string DescribeCall(TInput input) => inner.DescribeCall(input);

    public override string DescribeState(TState state) => inner.DescribeState(state);
}
