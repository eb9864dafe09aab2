namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// What the simulated network carries between saga nodes: a message, or the receiver's acknowledgement that it
/// has committed its handling (the simulator's stand-in for a broker's manual ack; the sender resends until then).
/// </summary>
public abstract record SagaPacket
{
    public sealed record Deliver(SagaMessage Message) : SagaPacket
    {
        public override string ToString() => Message.ToString();
    }

    public sealed record Acknowledge(string MessageId) : SagaPacket
    {
        public override string ToString() => $"ack #{MessageId}";
    }
}
