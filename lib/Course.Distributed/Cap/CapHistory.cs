using Course.Distributed.Linearizability;

namespace Course.Distributed.Cap;

/// <summary>
/// Turns what the clients saw into a history for the linearizability checker (KeyValueModel: put and get).
/// A write that timed out may still have taken effect, so it stays open for ever; a refused one certainly
/// did not, and an unanswered read changes nothing, so both are left out. A read of several siblings returns
/// them joined by "|": no single register value, which is exactly what the checker should see.
/// </summary>
public static class CapHistory
{
    public const string SiblingSeparator = "|";

    public static IReadOnlyList<Operation<KeyValueInput, string?>> From(IReadOnlyList<CapRequestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var operations = new List<Operation<KeyValueInput, string?>>();
        foreach (var r in records.OrderBy(r => r.Id))
        {
            if (r.Operation == CapOperation.Read)
            {
                if (r.IsOk) operations.Add(new(r.Client, KeyValueInput.Get(r.Key), ReadOutput(r.Values), r.Call, r.Completed));
            }
            else if (r.IsOk) operations.Add(new(r.Client, KeyValueInput.Put(r.Key, r.Value), null, r.Call, r.Completed));
            else if (r.Outcome == RequestOutcome.TimedOut) operations.Add(Operation<KeyValueInput, string?>.Pending(r.Client, KeyValueInput.Put(r.Key, r.Value), r.Call));
        }
        return operations;
    }

    /// <summary>What a read "returned" as one string: "" for no value, the value, or the siblings joined.</summary>
    public static string ReadOutput(IReadOnlyList<string> values) =>
        string.Join(SiblingSeparator, values.Order(StringComparer.Ordinal));
}
