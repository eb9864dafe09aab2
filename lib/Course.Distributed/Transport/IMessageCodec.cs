namespace Course.Distributed.Transport;

/// <summary>
/// Turns a node's messages into bytes and back. The transport only moves opaque frames, so the same host runs
/// Raft, Paxos or anything else that implements <see cref="Course.Simulation.INode{TMessage}"/>.
/// </summary>
public interface IMessageCodec<TMessage> where TMessage : notnull
{
    /// <summary>The message as one frame's payload.</summary>
    byte[] Encode(TMessage message);

    /// <summary>
    /// The message in <paramref name="payload"/>. Throws <see cref="InvalidDataException"/> on bytes that are not a
    /// valid message: a peer speaking another protocol must not crash the node.
    /// </summary>
    TMessage Decode(ReadOnlySpan<byte> payload);
}
