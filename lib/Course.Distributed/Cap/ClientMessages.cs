using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>Everything that travels in a CAP experiment: client traffic and each system's replica traffic.</summary>
public abstract record CapMessage : IHasSize
{
    public virtual int SizeInBytes => 32;
}

public enum CapOperation { Read, Write }

public enum ReplyStatus
{
    /// <summary>Done: a read's values, or a write that took effect.</summary>
    Ok,

    /// <summary>Not done, and certain to have had no effect (a CP coordinator that never reached a majority).</summary>
    Refused,

    /// <summary>Given up half-way: a write may or may not have taken effect.</summary>
    Unknown,
}

/// <summary>A client's request to a replica; <see cref="RequestId"/> also names the write, across retries.</summary>
public sealed record ClientRequest(long RequestId, int Attempt, CapOperation Operation, string Key, string Value) : CapMessage
{
    /// <summary>
    /// Names this attempt, so a replica can ignore a copy the network duplicated: applying a write twice,
    /// under two versions, could resurrect it after something newer overwrote it.
    /// </summary>
    public (NodeId Client, long RequestId, int Attempt) AttemptFrom(NodeId client) => (client, RequestId, Attempt);

    public override string ToString() =>
        Operation == CapOperation.Read ? $"read({Key}) #{RequestId}.{Attempt}" : $"write({Key}, {Value}) #{RequestId}.{Attempt}";
}

/// <summary>
/// A replica's answer. A read returns one value (CP, LWW) or every sibling (version vectors); a write, nothing.
/// <see cref="Histories"/> is the experiment's instrument, not the client's business: the causal history of
/// each value read, or of the write just stored.
/// </summary>
public sealed record ClientReply(long RequestId, int Attempt, ReplyStatus Status, IReadOnlyList<string> Values, IReadOnlyList<CausalHistory> Histories) : CapMessage
{
    public static ClientReply Ok(ClientRequest request, IReadOnlyList<string> values, IReadOnlyList<CausalHistory> histories) =>
        new(request.RequestId, request.Attempt, ReplyStatus.Ok, values, histories);

    public static ClientReply Failed(ClientRequest request, ReplyStatus status) => new(request.RequestId, request.Attempt, status, [], []);

    public override string ToString() => $"reply #{RequestId}.{Attempt} {Status} [{string.Join(", ", Values)}]";
}
