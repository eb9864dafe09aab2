namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// A service's logic, sans-I/O: a message in → a state change and messages out (through the context). It
/// never touches a queue, a socket or a clock, so the same class runs in the simulator (<see cref="SagaNode"/>)
/// and over RabbitMQ (Course.Distributed.Messaging). The host wraps it in a <see cref="SagaEndpoint"/>, which
/// commits the state, the deduplication record and the outgoing messages in one atomic write.
/// </summary>
public interface ISagaHandler
{
    /// <summary>The service's address: its queue name, its node in the simulator (see <see cref="SagaEndpoints"/>).</summary>
    string Endpoint { get; }

    /// <summary>The message types this service subscribes to; the routing table is built from these.</summary>
    IReadOnlyList<Type> Consumes { get; }

    /// <summary>
    /// Handles one message. Throw <see cref="TransientFailureException"/> for a failure worth retrying (the
    /// endpoint rolls the state back and the host redelivers later); any other exception makes it a poison message.
    /// </summary>
    void Handle(SagaMessage message, ISagaContext context);

    /// <summary>Time passed (timeouts). Returns whether the state changed, so the endpoint knows to commit.</summary>
    bool Tick(ISagaContext context);

    byte[] SaveState();

    void RestoreState(byte[] state);
}
