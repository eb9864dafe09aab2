using System.Globalization;
using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// The acceptor of Multi-Paxos ("Paxos Made Simple" §3): one promise covers every slot (that is what lets a
/// leader skip phase 1), and it remembers the proposal it accepted in each slot. Everything is written to
/// stable storage before the reply leaves (§2.5): the promise under one key, each slot under its own, so
/// accepting one command costs one small write.
/// </summary>
internal sealed class MultiAcceptor
{
    private const string PromisedKey = "multipaxos/promised";
    private const string HighestSlotKey = "multipaxos/accepted-highest";
    private readonly INodeContext<MultiPaxosMessage> _context;
    private readonly SortedDictionary<int, SlotProposal> _accepted = [];
    private int _highestSlot = -1;

    public MultiAcceptor(INodeContext<MultiPaxosMessage> context)
    {
        _context = context;
        var storage = context.Storage;
        if (storage.Read(PromisedKey) is { } promised) Promised = DurableCodec.Decode(promised, r => r.ReadBallot());
        if (storage.Read(HighestSlotKey) is { } highest) _highestSlot = DurableCodec.Decode(highest, r => r.ReadInt32());
        for (var slot = 0; slot <= _highestSlot; slot++)
            if (storage.Read(SlotKey(slot)) is { } bytes)
                _accepted[slot] = DurableCodec.Decode(bytes, r => new SlotProposal(slot, r.ReadBallot(), r.ReadString()));
    }

    public Ballot Promised { get; private set; }

    public void OnPrepare(NodeId from, MultiPaxosMessage.Prepare prepare)
    {
        if (prepare.Ballot < Promised)
        {
            _context.Send(from, new MultiPaxosMessage.Nack(prepare.Ballot, Promised));
            return;
        }
        if (prepare.Ballot > Promised)
        {
            Promise(prepare.Ballot);
            _context.Note("promise", $"{Promised} to {from} for slots ≥ {prepare.FromSlot}");
        }
        var accepted = _accepted.Values.Where(p => p.Slot >= prepare.FromSlot).ToArray();
        _context.Send(from, new MultiPaxosMessage.Promise(prepare.Ballot, prepare.FromSlot, accepted));
    }

    public void OnAccept(NodeId from, MultiPaxosMessage.Accept accept)
    {
        if (accept.Ballot < Promised)
        {
            _context.Send(from, new MultiPaxosMessage.Nack(accept.Ballot, Promised));
            return;
        }
        if (accept.Ballot > Promised) Promise(accept.Ballot);
        if (!_accepted.TryGetValue(accept.Slot, out var previous) || previous.Ballot != accept.Ballot)
        {
            var proposal = new SlotProposal(accept.Slot, accept.Ballot, accept.Command);
            _accepted[accept.Slot] = proposal;
            _context.Storage.Write(SlotKey(accept.Slot), DurableCodec.Encode(w =>
            {
                w.Write(proposal.Ballot);
                w.Write(proposal.Command);
            }));
            if (accept.Slot > _highestSlot)
            {
                _highestSlot = accept.Slot;
                _context.Storage.Write(HighestSlotKey, DurableCodec.Encode(w => w.Write(_highestSlot)));
            }
        }
        foreach (var learner in _context.Peers)
            _context.Send(learner, new MultiPaxosMessage.Accepted(accept.Ballot, accept.Slot, accept.Command));
    }

    private void Promise(Ballot ballot)
    {
        Promised = ballot;
        _context.Storage.Write(PromisedKey, DurableCodec.Encode(w => w.Write(ballot)));
    }

    private static string SlotKey(int slot) => "multipaxos/accepted/" + slot.ToString(CultureInfo.InvariantCulture);
}
