using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// The acceptor of "Paxos Made Simple" §2.2 (P1a): it promises to ignore ballots below the highest Prepare it
/// answered, and accepts a proposal unless it promised not to. Its three fields are on stable storage and are
/// written before any reply leaves (§2.5), or a crash could make it break a promise.
/// </summary>
internal sealed class Acceptor
{
    private const string Key = "paxos/acceptor";
    private readonly INodeContext<PaxosMessage> _context;
    private readonly bool _persistPromises;

    public Acceptor(INodeContext<PaxosMessage> context, bool persistPromises)
    {
        _context = context;
        _persistPromises = persistPromises;
        if (context.Storage.Read(Key) is { } bytes)
            (Promised, AcceptedBallot, AcceptedValue) = DurableCodec.Decode(bytes, r => (r.ReadBallot(), r.ReadBallot(), r.ReadNullableString()));
    }

    public Ballot Promised { get; private set; }
    public Ballot AcceptedBallot { get; private set; }
    public string? AcceptedValue { get; private set; }

    public void OnPrepare(NodeId from, PaxosMessage.Prepare prepare)
    {
        if (prepare.Ballot < Promised)
        {
            _context.Send(from, new PaxosMessage.Nack(prepare.Ballot, Promised));
            return;
        }
        if (prepare.Ballot > Promised)
        {
            Promised = prepare.Ballot;
            if (_persistPromises) Persist();
            _context.Note("promise", $"{Promised} to {from}" + (AcceptedValue is null ? "" : $", accepted {AcceptedBallot}={AcceptedValue}"));
        }
        _context.Send(from, new PaxosMessage.Promise(prepare.Ballot, AcceptedBallot, AcceptedValue)); // a duplicate Prepare gets the same answer
    }

    public void OnAccept(NodeId from, PaxosMessage.Accept accept)
    {
        if (accept.Ballot < Promised)
        {
            _context.Send(from, new PaxosMessage.Nack(accept.Ballot, Promised));
            return;
        }
        var isNew = accept.Ballot != AcceptedBallot;
        Promised = accept.Ballot;
        AcceptedBallot = accept.Ballot;
        AcceptedValue = accept.Value;
        if (isNew)
        {
            Persist();
            _context.Note("accept", $"{AcceptedBallot}={AcceptedValue}");
        }
        foreach (var learner in _context.Peers) _context.Send(learner, new PaxosMessage.Accepted(accept.Ballot, accept.Value));
    }

    /// <summary>
    /// The broken variant keeps its promise in memory only: what it writes says it promised no more than it
    /// accepted, so a restart silently lowers <see cref="Promised"/>.
    /// </summary>
    private void Persist()
    {
        var promised = _persistPromises ? Promised : AcceptedBallot;
        _context.Storage.Write(Key, DurableCodec.Encode(w =>
        {
            w.Write(promised);
            w.Write(AcceptedBallot);
            w.WriteNullable(AcceptedValue);
        }));
    }
}
