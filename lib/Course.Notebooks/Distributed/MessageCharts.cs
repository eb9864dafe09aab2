using Course.Simulation;
using Plotly.NET;

namespace Course.Notebooks.Distributed;

/// <summary>Message-sequence charts from a simulation's trace (which must record messages).</summary>
public static class MessageCharts
{
    /// <summary>
    /// Pairs each Send in the trace with its Deliver or Drop (the same message object), in time order. A second
    /// delivery of a duplicated message is shown as its own arrow, labelled "(dup)".
    /// </summary>
    /// <param name="include">Which messages to draw (e.g. leave out transport-level acks); all when null.</param>
    public static IReadOnlyList<SequenceMessage> FromTrace(SimulationTrace trace, Func<NodeId, string> lane, TimeSpan? from = null, TimeSpan? until = null, int max = 60, Func<object, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (!trace.RecordMessages && trace.Events.All(e => e.Kind != TraceKind.Send))
            throw new ArgumentException("This trace does not record messages: create the simulation with TraceMessages = true.", nameof(trace));
        var pending = new Dictionary<object, Queue<TraceEvent>>(ReferenceEqualityComparer.Instance);
        var result = new List<SequenceMessage>();
        foreach (var e in trace.Events)
        {
            if (from is { } f && e.Time < f) continue;
            if (until is { } u && e.Time > u) break;
            if (e.Payload is null || e.Peer is not { } peer || (include is not null && !include(e.Payload))) continue;
            switch (e.Kind)
            {
                case TraceKind.Send:
                    (pending.TryGetValue(e.Payload, out var q) ? q : pending[e.Payload] = new Queue<TraceEvent>()).Enqueue(e);
                    break;
                case TraceKind.Deliver or TraceKind.Drop:
                    var sender = e.Kind == TraceKind.Deliver ? peer : e.Node;
                    var receiver = e.Kind == TraceKind.Deliver ? e.Node : peer;
                    if (pending.TryGetValue(e.Payload, out var sends) && sends.Count > 0)
                    {
                        var send = sends.Dequeue();
                        result.Add(new SequenceMessage(lane(sender), lane(receiver), send.Time.TotalMilliseconds,
                            e.Kind == TraceKind.Deliver ? e.Time.TotalMilliseconds : null, Short(e.Payload)));
                    }
                    else if (e.Kind == TraceKind.Deliver)
                        result.Add(new SequenceMessage(lane(sender), lane(receiver), e.Time.TotalMilliseconds - 0.5, e.Time.TotalMilliseconds, Short(e.Payload) + " (dup)"));
                    break;
            }
            if (result.Count >= max) break;
        }
        return result;
    }

    public static GenericChart Sequence(string title, SimulationTrace trace, IReadOnlyList<NodeId> nodes, Func<NodeId, string> lane, TimeSpan? from = null, TimeSpan? until = null, int max = 60, Func<object, bool>? include = null) =>
        Charts.MessageSequence(title, nodes.Select(lane).ToArray(), FromTrace(trace, lane, from, until, max, include));

    /// <summary>The message's type name and its first fields, short enough to sit on an arrow.</summary>
    private static string Short(object message)
    {
        var text = message.ToString() ?? message.GetType().Name;
        var paren = text.IndexOf(" {", StringComparison.Ordinal);
        var head = paren > 0 ? text[..paren] : text;
        return head.Length > 40 ? head[..40] + "…" : head;
    }
}
