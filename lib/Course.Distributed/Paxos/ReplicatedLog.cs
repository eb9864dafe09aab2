using System.Globalization;
using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// The learner side of Multi-Paxos ("Paxos Made Simple" §3): a command is chosen in a slot when a majority
/// of acceptors accepted it under one ballot there. Commands are applied strictly in slot order — the state
/// machine waits at the first gap — and chosen entries are kept on storage, so a restarted node re-applies
/// its prefix instead of fetching it again.
/// </summary>
internal sealed class ReplicatedLog
{
    private const string KeyPrefix = "multipaxos/chosen/";
    private readonly INodeContext<MultiPaxosMessage> _context;
    private readonly Action<int, string> _onChosen;
    private readonly Action<int, string>? _onApplied;
    private readonly Dictionary<int, string> _chosen = [];
    private readonly HashSet<string> _chosenCommands = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Dictionary<Ballot, HashSet<NodeId>>> _votes = [];
    private readonly List<string> _log = [];
    private readonly List<string> _applied = [];
    private readonly HashSet<string> _appliedCommands = new(StringComparer.Ordinal);

    public ReplicatedLog(INodeContext<MultiPaxosMessage> context, Action<int, string> onChosen, Action<int, string>? onApplied)
    {
        _context = context;
        _onChosen = onChosen;
        _onApplied = onApplied;
        for (var slot = 0; context.Storage.Read(Key(slot)) is { } bytes; slot++)
        {
            var command = DurableCodec.Decode(bytes, r => r.ReadString());
            _chosen[slot] = command;
            _chosenCommands.Add(command);
        }
        ApplyPrefix();
    }

    /// <summary>Slots 0 .. Prefix−1 are chosen and applied.</summary>
    public int Prefix => _log.Count;

    /// <summary>The highest slot known to be chosen (−1 if none).</summary>
    public int HighestChosen { get; private set; } = -1;

    /// <summary>The applied prefix, slot by slot, no-ops included.</summary>
    public IReadOnlyList<string> Entries => _log;

    /// <summary>The commands the state machine executed, in order: no-ops and repeats of a command skipped.</summary>
    public IReadOnlyList<string> Applied => _applied;

    public bool HasApplied(string command) => _appliedCommands.Contains(command);

    public bool IsChosen(int slot) => _chosen.ContainsKey(slot);

    public bool Contains(string command) => _chosenCommands.Contains(command);

    public void OnAccepted(NodeId from, MultiPaxosMessage.Accepted accepted)
    {
        if (_chosen.ContainsKey(accepted.Slot)) return;
        if (!_votes.TryGetValue(accepted.Slot, out var byBallot)) _votes[accepted.Slot] = byBallot = [];
        if (!byBallot.TryGetValue(accepted.Ballot, out var voters)) byBallot[accepted.Ballot] = voters = [];
        voters.Add(from);
        if (voters.Count >= Quorum.Majority(_context.Peers.Count)) Learn(accepted.Slot, accepted.Command);
    }

    public void Learn(int slot, string command)
    {
        if (_chosen.TryGetValue(slot, out var known))
        {
            if (known != command) _context.Note("conflict", $"slot {slot}: {known} vs {command}"); // never happens if Paxos is right
            return;
        }
        _chosen[slot] = command;
        _chosenCommands.Add(command);
        _votes.Remove(slot);
        HighestChosen = Math.Max(HighestChosen, slot);
        _context.Storage.Write(Key(slot), DurableCodec.Encode(w => w.Write(command)));
        _context.Note("chosen", $"slot {slot}: {command}");
        _onChosen(slot, command);
        ApplyPrefix();
    }

    private void ApplyPrefix()
    {
        while (_chosen.TryGetValue(_log.Count, out var command))
        {
            var slot = _log.Count;
            HighestChosen = Math.Max(HighestChosen, slot);
            _log.Add(command);
            if (command != MultiPaxosNode.NoOp && _appliedCommands.Add(command)) _applied.Add(command);
            _onApplied?.Invoke(slot, command);
        }
    }

    private static string Key(int slot) => KeyPrefix + slot.ToString(CultureInfo.InvariantCulture);
}
