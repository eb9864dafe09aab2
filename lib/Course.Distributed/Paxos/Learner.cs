using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// The learner of "Paxos Made Simple" §2.3: a value is chosen once a majority of acceptors accepted the same
/// proposal, so it counts Accepted messages per ballot. What it learned is kept on stable storage (a learner
/// never un-learns), and it also believes another learner's <see cref="PaxosMessage.Chosen"/>.
/// </summary>
internal sealed class Learner
{
    private const string Key = "paxos/learned";
    private readonly INodeContext<PaxosMessage> _context;
    private readonly Action<string>? _onLearned;
    private readonly Dictionary<Ballot, HashSet<NodeId>> _votes = [];

    public Learner(INodeContext<PaxosMessage> context, Action<string>? onLearned)
    {
        _context = context;
        _onLearned = onLearned;
        if (context.Storage.Read(Key) is { } bytes) Value = DurableCodec.Decode(bytes, r => r.ReadString());
    }

    /// <summary>The chosen value, once learned.</summary>
    public string? Value { get; private set; }

    public void OnAccepted(NodeId from, PaxosMessage.Accepted accepted)
    {
        if (Value is not null) return;
        if (!_votes.TryGetValue(accepted.Ballot, out var voters)) _votes[accepted.Ballot] = voters = [];
        voters.Add(from); // a set: a duplicated Accepted is one vote
        if (voters.Count >= Quorum.Majority(_context.Peers.Count))
            Learn(accepted.Value, $"majority accepted {accepted.Ballot}");
    }

    public void OnChosen(NodeId from, PaxosMessage.Chosen chosen)
    {
        if (Value is null) Learn(chosen.Value, $"told by {from}");
    }

    private void Learn(string value, string how)
    {
        Value = value;
        _votes.Clear();
        _context.Storage.Write(Key, DurableCodec.Encode(w => w.Write(value)));
        _context.Note("learned", $"{value} ({how})");
        _onLearned?.Invoke(value);
    }
}
