namespace Course.Distributed.Cap;

/// <summary>One request of the workload, decided before the run so every system gets exactly the same ones.</summary>
public sealed record WorkloadRequest(long Id, int Client, TimeSpan At, CapOperation Operation, string Key, string Value)
{
    public override string ToString() =>
        Operation == CapOperation.Read ? $"#{Id} c{Client} read({Key}) at {At.TotalMilliseconds:F0} ms" : $"#{Id} c{Client} write({Key}, {Value}) at {At.TotalMilliseconds:F0} ms";
}

public enum RequestOutcome
{
    /// <summary>Answered within the deadline.</summary>
    Ok,

    /// <summary>Every replica tried said no, and none of them applied it.</summary>
    Refused,

    /// <summary>No answer in time (or the coordinator gave up half-way): a write may still have taken effect.</summary>
    TimedOut,
}

/// <summary>What a client saw of one request: when it asked, when it knew the outcome, and what came back.</summary>
public sealed record CapRequestRecord(
    long Id,
    int Client,
    int Datacenter,
    CapOperation Operation,
    string Key,
    string Value,
    TimeSpan Call,
    TimeSpan Completed,
    RequestOutcome Outcome,
    IReadOnlyList<string> Values,
    int Attempts)
{
    /// <summary>
    /// The causal history of each value read, or of the write stored (measuring only; empty unless answered).
    /// </summary>
    public IReadOnlyList<CausalHistory> Histories { get; init; } = [];

    public bool IsOk => Outcome == RequestOutcome.Ok;

    public TimeSpan Latency => Completed - Call;

    public override string ToString()
    {
        var what = Operation == CapOperation.Read ? $"read({Key})" : $"write({Key}, {Value})";
        var result = IsOk && Operation == CapOperation.Read ? $" → [{string.Join(", ", Values)}]" : "";
        return $"#{Id} c{Client}@dc{Datacenter} {what}{result} {Outcome} [{Call.TotalMilliseconds:F1}, {Completed.TotalMilliseconds:F1}] ms";
    }
}
