namespace Course.Distributed.Paxos;

/// <summary>
/// Client commands waiting to be chosen. Whoever received a command (from a client or forwarded) keeps it
/// until it shows up in the log, and sends it on to the leader now and then — messages get lost and leaders
/// change, and §3 leaves it to the implementation to make sure a command is not dropped on the way.
/// </summary>
public sealed partial class MultiPaxosNode
{
    private readonly List<string> _pending = [];
    private const long NeverForwarded = long.MinValue / 4;
    private readonly Dictionary<string, long> _forwardedAt = new(StringComparer.Ordinal);

    /// <summary>Commands this node holds that are not chosen yet.</summary>
    public IReadOnlyList<string> Pending => _pending;

    private void AddPending(string command)
    {
        if (_forwardedAt.TryAdd(command, NeverForwarded)) _pending.Add(command);
    }

    private void RemovePending(string command)
    {
        if (_forwardedAt.Remove(command)) _pending.Remove(command);
    }

    /// <summary>Sends the leader every pending command not forwarded in the last RetransmitTicks.</summary>
    private void ForwardPending()
    {
        if (KnownLeader is not { } leader || leader == _context.Self) return;
        foreach (var command in _pending)
        {
            if (_ticks - _forwardedAt[command] < _options.RetransmitTicks) continue;
            _forwardedAt[command] = _ticks;
            _context.Send(leader, new MultiPaxosMessage.Forward(command));
        }
    }
}
