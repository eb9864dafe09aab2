namespace Course.Distributed.Cap;

/// <summary>ABD phase 1: "what is your newest tagged value of this key?"</summary>
public sealed record AbdQuery(long OperationId, string Key) : CapMessage
{
    public override string ToString() => $"query({Key}) op{OperationId}";
}

public sealed record AbdQueryReply(long OperationId, TaggedValue Stored) : CapMessage
{
    public override string ToString() => $"query-reply op{OperationId} {Stored.Value}@{Stored.Tag}";
}

/// <summary>ABD phase 2: "store this tagged value unless you have a newer one" (a write, or a read's write-back).</summary>
public sealed record AbdUpdate(long OperationId, string Key, TaggedValue Value) : CapMessage
{
    public override string ToString() => $"update({Key}, {Value.Value}@{Value.Tag}) op{OperationId}";
}

public sealed record AbdUpdateAck(long OperationId) : CapMessage
{
    public override string ToString() => $"update-ack op{OperationId}";
}
