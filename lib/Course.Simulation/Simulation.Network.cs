namespace Course.Simulation;

public sealed partial class Simulation<TMessage>
{
    /// <summary>
    /// Splits the nodes into groups that cannot talk to each other (a full partition). Nodes not named in
    /// any group are cut off from everyone. Replaces any previous partition.
    /// </summary>
    public void Partition(params IReadOnlyCollection<NodeId>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var groupOf = new Dictionary<NodeId, int>();
        for (var g = 0; g < groups.Length; g++)
            foreach (var id in groups[g])
            {
                SlotOf(id);
                if (!groupOf.TryAdd(id, g)) throw new ArgumentException($"Node {id} is in more than one group.", nameof(groups));
            }
        _blockedLinks.Clear();
        _disconnected.Clear();
        foreach (var a in _slots)
            foreach (var b in _slots)
                if (a.Id != b.Id && (!groupOf.TryGetValue(a.Id, out var ga) || !groupOf.TryGetValue(b.Id, out var gb) || ga != gb))
                    _blockedLinks.Add((a.Id.Value, b.Id.Value));
        Record(TraceKind.Partition, default, null, "", string.Join(" | ", groups.Select(g => "{" + string.Join(",", g) + "}")));
    }

    /// <summary>Cuts every link to and from <paramref name="node"/> (6.5840's disconnect).</summary>
    public void Disconnect(NodeId node)
    {
        SlotOf(node);
        _disconnected.Add(node);
        foreach (var other in _slots.Where(s => s.Id != node))
        {
            _blockedLinks.Add((node.Value, other.Id.Value));
            _blockedLinks.Add((other.Id.Value, node.Value));
        }
        Record(TraceKind.Partition, node, null, "", $"{node} disconnected");
    }

    /// <summary>
    /// Restores the links between <paramref name="node"/> and every node that is not itself disconnected
    /// (6.5840's connect: two disconnected nodes stay apart until both are connected).
    /// </summary>
    public void Connect(NodeId node)
    {
        SlotOf(node);
        _disconnected.Remove(node);
        _blockedLinks.RemoveWhere(l =>
            (l.From == node.Value && !_disconnected.Contains(new NodeId(l.To))) ||
            (l.To == node.Value && !_disconnected.Contains(new NodeId(l.From))));
        Record(TraceKind.Heal, node, null, "", $"{node} connected");
    }

    /// <summary>A one-way fault: messages from <paramref name="from"/> to <paramref name="to"/> are lost; the other direction works.</summary>
    public void BlockLink(NodeId from, NodeId to)
    {
        SlotOf(from); SlotOf(to);
        if (from == to) throw new ArgumentException("A node cannot be cut off from itself.", nameof(to));
        _blockedLinks.Add((from.Value, to.Value));
        Record(TraceKind.Partition, from, to, "", $"{from} → {to} blocked");
    }

    /// <summary>Re-opens one direction of one link (after a partition, to give some nodes a path).</summary>
    public void Unblock(NodeId from, NodeId to)
    {
        SlotOf(from); SlotOf(to);
        _blockedLinks.Remove((from.Value, to.Value));
    }

    /// <summary>Removes every partition and blocked link.</summary>
    public void Heal()
    {
        _blockedLinks.Clear();
        _disconnected.Clear();
        Record(TraceKind.Heal, default, null, "", "all links restored");
    }

    /// <summary>Whether <paramref name="node"/> is cut off by <see cref="Disconnect"/>.</summary>
    public bool IsConnected(NodeId node) => !_disconnected.Contains(node);

    public bool CanReach(NodeId from, NodeId to) => !_blockedLinks.Contains((from.Value, to.Value));

    internal void Send(NodeSlot sender, int incarnation, NodeId to, TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var target = SlotOf(to);
        if (sender.Incarnation != incarnation || sender.Instance is null) return; // a crashed incarnation is silent
        Stats.OnSend(sender.Id, message.GetType().Name, message is IHasSize sized ? sized.SizeInBytes : 0);
        if (Trace.RecordMessages) Record(TraceKind.Send, sender.Id, to, "", message);

        var conditions = Network;
        if (!CanReach(sender.Id, to) || _networkRandom.NextDouble() < conditions.LossProbability)
        {
            Drop(sender.Id, to, message);
            return;
        }
        Enqueue(Now + DelayFor(conditions), new ScheduledEvent.Delivery(sender.Id, target.Id, message));
        if (_networkRandom.NextDouble() < conditions.DuplicationProbability)
        {
            Stats.OnDuplicate();
            if (Trace.RecordMessages) Record(TraceKind.Duplicate, sender.Id, to, "", message);
            Enqueue(Now + DelayFor(conditions), new ScheduledEvent.Delivery(sender.Id, target.Id, message));
        }
    }

    private TimeSpan DelayFor(NetworkConditions conditions)
    {
        var delay = conditions.Latency.Sample(_networkRandom);
        if (_networkRandom.NextDouble() < conditions.LongDelayProbability)
            delay += TimeSpan.FromTicks((long)(_networkRandom.NextDouble() * conditions.LongDelay.Ticks));
        return delay;
    }

    private void Deliver(ScheduledEvent.Delivery d)
    {
        var target = _slots[d.To.Value];
        // Partitions apply at delivery too: a message in flight when the link is cut is lost.
        if (target.Instance is null || !CanReach(d.From, d.To))
        {
            Drop(d.From, d.To, d.Message);
            return;
        }
        Stats.OnDeliver();
        if (Trace.RecordMessages) Record(TraceKind.Deliver, d.To, d.From, "", d.Message);
        var node = target.Instance;
        RunNodeCode(target, () => { node.Receive(d.From, (TMessage)d.Message); return 0; }, $"receive of {d.Message.GetType().Name} from {d.From}");
    }

    private void Drop(NodeId from, NodeId to, object message)
    {
        Stats.OnDrop();
        if (Trace.RecordMessages) Record(TraceKind.Drop, from, to, "", message);
    }

    internal void Record(TraceKind kind, NodeId node, NodeId? peer, string category, object? payload) =>
        Trace.Add(new TraceEvent(Now, kind, node, peer, category, payload));
}
