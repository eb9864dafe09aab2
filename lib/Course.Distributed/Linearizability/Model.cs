namespace Course.Distributed.Linearizability;

/// <summary>
/// The sequential specification the history is checked against: what the object would do if operations ran one at a time
/// (Herlihy &amp; Wing 1990; porcupine's Model). States must be immutable values: the search keeps old ones to backtrack to.
/// </summary>
public abstract class Model<TState, TInput, TOutput>
{
    private IEqualityComparer<TState>? stateComparer;

    /// <summary>The state before any operation.</summary>
    public abstract TState Init();

    /// <summary>Could <paramref name="input"/> have returned <paramref name="output"/> in <paramref name="state"/>, and what state follows?</summary>
    public abstract (bool Ok, TState State) Step(TState state, TInput input, TOutput output);

    /// <summary>
    /// Applies an operation that never returned, so any output it might have produced is allowed.
    /// The checker calls this only if the operation took effect; leaving it out covers the case that it never did.
    /// </summary>
    public virtual (bool Ok, TState State) StepPending(TState state, TInput input) =>
        throw new NotSupportedException(
            $"{GetType().Name} does not say what an operation that never returned does: override StepPending to check histories with pending operations.");

    /// <summary>State equality, for memoizing configurations (Lowe 2017, porcupine's Equal).</summary>
    public virtual bool StateEquals(TState a, TState b) => EqualityComparer<TState>.Default.Equals(a, b);

    /// <summary>A hash consistent with <see cref="StateEquals"/>.</summary>
    public virtual int StateHash(TState state) => state is null ? 0 : EqualityComparer<TState>.Default.GetHashCode(state);

    /// <summary>
    /// Splits a history into independently checkable parts (see <see cref="HistoryPartition"/>). The default keeps it whole.
    /// Every operation must be in exactly one part.
    /// </summary>
    public virtual IReadOnlyList<HistoryPartition> Partition(IReadOnlyList<Operation<TInput, TOutput>> history) =>
        [new HistoryPartition(HistoryPartition.WholeHistory, Enumerable.Range(0, history.Count).ToArray())];

    /// <summary>A short label such as <c>read() → 3</c>.</summary>
    public virtual string DescribeOperation(TInput input, TOutput output) => $"{input} → {output}";

    /// <summary>A label for an operation that never returned, such as <c>write(3)</c>.</summary>
    public virtual string DescribeCall(TInput input) => $"{input}";

    public virtual string DescribeState(TState state) => $"{state}";

    /// <summary>The same model checked as one object, without <see cref="Partition"/>: slower, for comparison and teaching.</summary>
    public Model<TState, TInput, TOutput> WithoutPartitioning() => new UnpartitionedModel<TState, TInput, TOutput>(this);

    internal IEqualityComparer<TState> StateComparer => stateComparer ??= new ModelStateComparer<TState, TInput, TOutput>(this);

    /// <summary>One partition per distinct key, in ordinal order of the keys, for models of independent keys.</summary>
    protected static IReadOnlyList<HistoryPartition> PartitionByKey(
        IReadOnlyList<Operation<TInput, TOutput>> history, Func<TInput, string> keyOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var byKey = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < history.Count; i++)
        {
            var key = keyOf(history[i].Input);
            if (!byKey.TryGetValue(key, out var list))
                byKey.Add(key, list = []);
            list.Add(i);
        }

        return byKey.Select(kv => new HistoryPartition(kv.Key, kv.Value)).ToList();
    }
}
