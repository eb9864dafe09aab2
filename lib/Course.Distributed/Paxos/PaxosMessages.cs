using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// The messages of single-decree Paxos ("Paxos Made Simple" §2.2–2.3), plus a rejection and a catch-up pair.
/// Phase 1 is Prepare/Promise, phase 2 is Accept/Accepted; acceptors send Accepted to every learner (§2.3,
/// the first option). <see cref="Nack"/> is the §2.3 optimisation that tells a proposer to give up a
/// ballot early; <see cref="Chosen"/> and <see cref="WhatWasChosen"/> let a learner that missed the
/// Accepted messages find out later (§2.3: "a learner can find out ... by asking").
/// </summary>
public abstract record PaxosMessage : IHasSize
{
    public abstract int SizeInBytes { get; }

    /// <summary>Phase 1a: "promise me not to accept anything below <paramref name="Ballot"/>".</summary>
    public sealed record Prepare(Ballot Ballot) : PaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize;
        public override string ToString() => $"Prepare({Ballot})";
    }

    /// <summary>Phase 1b: the promise, with the highest-numbered proposal this acceptor accepted (if any).</summary>
    public sealed record Promise(Ballot Ballot, Ballot AcceptedBallot, string? AcceptedValue) : PaxosMessage
    {
        public override int SizeInBytes => 2 * DurableCodec.BallotSize + DurableCodec.SizeOf(AcceptedValue);
        public override string ToString() =>
            AcceptedValue is null ? $"Promise({Ballot})" : $"Promise({Ballot}, accepted {AcceptedBallot}={AcceptedValue})";
    }

    /// <summary>Phase 2a: "accept <paramref name="Value"/> under <paramref name="Ballot"/>".</summary>
    public sealed record Accept(Ballot Ballot, string Value) : PaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + DurableCodec.SizeOf(Value);
        public override string ToString() => $"Accept({Ballot}, {Value})";
    }

    /// <summary>Phase 2b, sent to every learner: "I accepted <paramref name="Value"/> under <paramref name="Ballot"/>".</summary>
    public sealed record Accepted(Ballot Ballot, string Value) : PaxosMessage
    {
        public override int SizeInBytes => DurableCodec.BallotSize + DurableCodec.SizeOf(Value);
        public override string ToString() => $"Accepted({Ballot}, {Value})";
    }

    /// <summary>"Your <paramref name="Ballot"/> is too low: I promised <paramref name="Promised"/>" (§2.3, abandoning a proposal).</summary>
    public sealed record Nack(Ballot Ballot, Ballot Promised) : PaxosMessage
    {
        public override int SizeInBytes => 2 * DurableCodec.BallotSize;
        public override string ToString() => $"Nack({Ballot} < {Promised})";
    }

    /// <summary>"<paramref name="Value"/> was chosen": a learner that knows tells one that asks or is still trying.</summary>
    public sealed record Chosen(string Value) : PaxosMessage
    {
        public override int SizeInBytes => DurableCodec.SizeOf(Value);
        public override string ToString() => $"Chosen({Value})";
    }

    /// <summary>A learner with nothing to propose asks whether a value was chosen.</summary>
    public sealed record WhatWasChosen : PaxosMessage
    {
        public override int SizeInBytes => 1;
        public override string ToString() => "WhatWasChosen";
    }
}
