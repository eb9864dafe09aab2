using System.Text.Json;
using Course.Distributed.Transactions.Sagas;
using Course.Simulation;

namespace Course.Distributed.Messaging;

/// <summary>
/// Trace context for the outbox (see <see cref="SagaTracing"/>). A message is published in the context it was emitted
/// in — the consumer span that handled its cause, or the caller's span for <see cref="SendAsync"/> — which need not be
/// the context of the publish: a delivery also publishes what an earlier one left in the outbox, and a restarted
/// host publishes what its predecessor committed. So the host keeps, per outbox message, the headers of the context it
/// was emitted in, and writes them to its storage next to the outbox: a crash between commit and publish does not
/// break the trace. Messages emitted by a timer tick have none and start a trace of their own.
/// </summary>
public sealed partial class RabbitEndpointHost
{
    /// <summary>The storage key of the emitting contexts (the endpoint's own record is <see cref="EndpointRecord.StorageKey"/>).</summary>
    public const string TraceContextKey = "rabbit-host/trace-context";

    private readonly Dictionary<string, Dictionary<string, string>> _emittedIn = new(StringComparer.Ordinal); // under _sync

    /// <summary>After a restart: the contexts of what the predecessor left in the outbox.</summary>
    private void LoadTraceContexts(IDurableStorage storage)
    {
        if (storage.Read(TraceContextKey) is not { } bytes) return;
        try
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(bytes) ?? [];
            foreach (var message in _endpoint.Outbox)
                if (saved.TryGetValue(message.Id, out var carrier)) _emittedIn[message.Id] = carrier;
        }
        catch (JsonException e)
        {
            Log($"trace context unreadable, publishing without it: {e.Message}"); // telemetry, not state: never fatal
        }
    }

    /// <summary>Under <c>_sync</c>, in the same lock as the commit that put <paramref name="messages"/> in the outbox.</summary>
    private void RememberEmittedIn(IReadOnlyList<SagaMessage> messages, Dictionary<string, string>? carrier)
    {
        if (carrier is null || messages.Count == 0) return;
        foreach (var message in messages) _emittedIn[message.Id] = carrier;
        // What has left the outbox is forgotten here, so the stored map never outgrows the outbox.
        var inOutbox = _endpoint.Outbox.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _emittedIn.Keys.Where(id => !inOutbox.Contains(id)).ToArray()) _emittedIn.Remove(id);
        _storage.Write(TraceContextKey, JsonSerializer.SerializeToUtf8Bytes(_emittedIn));
    }

    /// <summary>Under <c>_sync</c>: the context <paramref name="message"/> was emitted in (null: none known).</summary>
    private Dictionary<string, string>? EmittedIn(SagaMessage message) => _emittedIn.GetValueOrDefault(message.Id);

    /// <summary>Under <c>_sync</c>, when the message has left the outbox.</summary>
    private void ForgetEmittedIn(SagaMessage message) => _emittedIn.Remove(message.Id);
}
