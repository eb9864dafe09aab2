using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>A proposal in one slot: "<paramref name="Command"/> under <paramref name="Ballot"/>, for slot <paramref name="Slot"/>".</summary>
public sealed record SlotProposal(int Slot, Ballot Ballot, string Command);

/// <summary>
/// The messages of Multi-Paxos ("Paxos Made Simple" §3): one Paxos instance per log slot, but phase 1 is run
/// once for every slot from <c>FromSlot</c> on, so a stable leader sends only Accept for each new command.
/// Heartbeat, CatchUp/Chosen and Forward are the practical parts §3 leaves open: who the leader is, how a
/// lagging learner fills its log, and how a command submitted to a follower reaches the leader.
/// </summary>
public abstract record MultiPaxosMessage : IHasSize
{
    public abstract int SizeInBytes { get; }

    /// <summary>Phase 1a for all slots ≥ <paramref name="FromSlot"/> at once.</summary>
    public sealed record Prepare(Ballot Ballot, int FromSlot) : MultiPaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + 4;
        public override string ToString() => $"Prepare({Ballot}, from slot {FromSlot})";
    }

    /// <summary>Phase 1b: the promise, with every proposal this acceptor accepted in slots ≥ <paramref name="FromSlot"/>.</summary>
    public sealed record Promise(Ballot Ballot, int FromSlot, IReadOnlyList<SlotProposal> Proposals) : MultiPaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + 8 + Proposals.Sum(p => 4 + DurableCodec.BallotSize + DurableCodec.SizeOf(p.Command));
        public override string ToString() => $"Promise({Ballot}, {Proposals.Count} accepted from slot {FromSlot})";
    }

    /// <summary>Phase 2a for one slot.</summary>
    public sealed record Accept(Ballot Ballot, int Slot, string Command) : MultiPaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + 4 + DurableCodec.SizeOf(Command);
        public override string ToString() => $"Accept({Ballot}, slot {Slot}: {Command})";
    }

    /// <summary>Phase 2b, sent to every learner.</summary>
    public sealed record Accepted(Ballot Ballot, int Slot, string Command) : MultiPaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + 4 + DurableCodec.SizeOf(Command);
        public override string ToString() => $"Accepted({Ballot}, slot {Slot}: {Command})";
    }

    /// <summary>"<paramref name="Ballot"/> is too low: I promised <paramref name="Promised"/>" — the sender stops leading.</summary>
    public sealed record Nack(Ballot Ballot, Ballot Promised) : MultiPaxosMessage
    {
        public override int SizeInBytes => 2 * DurableCodec.BallotSize;
        public override string ToString() => $"Nack({Ballot} < {Promised})";
    }

    /// <summary>"I still lead under <paramref name="Ballot"/>, and slots below <paramref name="ChosenPrefix"/> are chosen."</summary>
    public sealed record Heartbeat(Ballot Ballot, int ChosenPrefix) : MultiPaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + 4;
        public override string ToString() => $"Heartbeat({Ballot}, chosen < {ChosenPrefix})";
    }

    /// <summary>A lagging learner asks for the chosen commands from <paramref name="FromSlot"/> on.</summary>
    public sealed record CatchUp(int FromSlot) : MultiPaxosMessage
    {
        public override int SizeInBytes => 4;
        public override string ToString() => $"CatchUp(from slot {FromSlot})";
    }

    /// <summary>"<paramref name="Command"/> was chosen in <paramref name="Slot"/>."</summary>
    public sealed record Chosen(int Slot, string Command) : MultiPaxosMessage
    {
        public override int SizeInBytes => 4 + DurableCodec.SizeOf(Command);
        public override string ToString() => $"Chosen(slot {Slot}: {Command})";
    }

    /// <summary>A client command submitted to a non-leader, on its way to the leader.</summary>
    public sealed record Forward(string Command) : MultiPaxosMessage
    {
        public override int SizeInBytes => DurableCodec.SizeOf(Command);
        public override string ToString() => $"Forward({Command})";
    }
}
