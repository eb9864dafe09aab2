namespace Course.Distributed.Linearizability;

/// <summary>
/// The key/value store of MIT 6.5840's labs (porcupine's kv model): Get returns the value, or "" for a missing key;
/// Put replaces it; Append appends to it. The output is what the client got back: Get's value; for Put, ignored;
/// for Append, null when the service returns nothing, or else the old value (as in the 2023 lab), which is then checked.
/// Keys are independent, so the history is checked one key at a time (<see cref="Partition"/>).
/// </summary>
public sealed class KeyValueModel : Model<KeyValueState, KeyValueInput, string?>
{
    public override KeyValueState Init() => KeyValueState.Empty;

    public override (bool Ok, KeyValueState State) Step(KeyValueState state, KeyValueInput input, string? output)
    {
        var current = state.Get(input.Key);
        return input.Operation switch
        {
            KeyValueOperation.Get => (output == current, state),
            KeyValueOperation.Put => (true, state.Set(input.Key, input.Value)),
            _ => (output is null || output == current, state.Set(input.Key, current + input.Value)),
        };
    }

    public override (bool Ok, KeyValueState State) StepPending(KeyValueState state, KeyValueInput input) => input.Operation switch
    {
        KeyValueOperation.Get => (true, state),
        KeyValueOperation.Put => (true, state.Set(input.Key, input.Value)),
        _ => (true, state.Set(input.Key, state.Get(input.Key) + input.Value)),
    };

    public override IReadOnlyList<HistoryPartition> Partition(IReadOnlyList<Operation<KeyValueInput, string?>> history) =>
        PartitionByKey(history, input => input.Key);

    public override string DescribeOperation(KeyValueInput input, string? output) => input.Operation switch
    {
        KeyValueOperation.Get => $"{input} → {Quote(output)}",
        KeyValueOperation.Append when output is not null => $"{input} → {Quote(output)}",
        _ => input.ToString(),
    };

    public override string DescribeCall(KeyValueInput input) => input.ToString();

    private static string Quote(string? s) => s is null ? "null" : $"\"{s}\"";
}
