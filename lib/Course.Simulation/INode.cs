namespace Course.Simulation;

/// <summary>
/// A protocol node written sans-I/O, as in etcd/raft: it never touches a socket, a clock or a disk itself.
/// Inputs are <see cref="Start"/>, <see cref="Receive"/> and <see cref="Tick"/>; outputs go through the
/// <see cref="INodeContext{TMessage}"/> (messages to send, durable writes, trace notes). The same class
/// therefore runs in the deterministic simulator and over a real transport.
/// </summary>
public interface INode<TMessage> where TMessage : notnull
{
    /// <summary>Boot (or reboot after a crash): volatile state is fresh, durable storage is as last written.</summary>
    void Start(INodeContext<TMessage> context);

    /// <summary>A message from <paramref name="from"/> arrived.</summary>
    void Receive(NodeId from, TMessage message);

    /// <summary>One clock tick elapsed (every <see cref="INodeContext{TMessage}.TickInterval"/>).</summary>
    void Tick();
}
