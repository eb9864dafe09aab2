namespace Course.Distributed.Linearizability;

/// <summary>Lets hash sets use a model's own notion of state equality.</summary>
internal sealed class ModelStateComparer<TState, TInput, TOutput>(Model<TState, TInput, TOutput> model) : IEqualityComparer<TState>
{
    public bool Equals(TState? x, TState? y) => model.StateEquals(x!, y!);

    public int GetHashCode(TState obj) => model.StateHash(obj);
}
