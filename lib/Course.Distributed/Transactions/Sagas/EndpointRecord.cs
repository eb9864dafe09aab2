using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Everything an endpoint keeps durably, written as ONE blob so that one write commits all of it: the service's
/// state, the ids of the messages it has processed (the dedupe table), the messages it has committed to send
/// and not yet had confirmed (the outbox), the next message sequence number, and its dead letters. This is the
/// local transaction of the transactional-outbox pattern; a real service would use one database transaction
/// over tables instead of one blob.
/// </summary>
public sealed record EndpointRecord(
    byte[] HandlerState,
    IReadOnlyList<string> Processed,
    IReadOnlyList<SagaMessage> Outbox,
    long Sequence,
    IReadOnlyList<DeadLetter> DeadLetters)
{
    public const string StorageKey = "saga/endpoint";

    public static EndpointRecord? Read(IDurableStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Read(StorageKey) is { } bytes ? SagaJson.Deserialize<EndpointRecord>(bytes) : null;
    }

    internal void Write(IDurableStorage storage) => storage.Write(StorageKey, SagaJson.Serialize(this));
}
