using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// The proposer of "Paxos Made Simple" §2.2: phase 1 asks a majority for promises under a fresh ballot;
/// phase 2 proposes the value of the highest-numbered proposal they report, or its own value if they report
/// none (P2c). It keeps the highest round it used on stable storage so a restart never reuses a ballot
/// (§2.5), and its client's value too, so a crash does not lose the request. It retries with a higher ballot
/// after a random timeout (§2.4), which is how duelling proposers eventually stop duelling.
/// </summary>
internal sealed class Proposer
{
    private const string Key = "paxos/proposer";
    private readonly INodeContext<PaxosMessage> _context;
    private readonly PaxosOptions _options;
    private readonly Dictionary<NodeId, PaxosMessage.Promise> _promises = [];
    private Ballot _highestSeen;
    private int _ticksLeft;

    public Proposer(INodeContext<PaxosMessage> context, PaxosOptions options)
    {
        _context = context;
        _options = options;
        if (context.Storage.Read(Key) is { } bytes)
            (Round, Value) = DurableCodec.Decode(bytes, r => (r.ReadInt32(), r.ReadNullableString()));
        // A restarted proposer with a value resumes after a random pause, not all at once.
        _ticksLeft = _options.RandomRetry(context.Random);
    }

    public enum Stage { Idle, Preparing, Accepting }

    /// <summary>The value this proposer's client asked for (null: it has nothing to propose).</summary>
    public string? Value { get; private set; }

    /// <summary>The highest round this proposer ever used (durable).</summary>
    public int Round { get; private set; }

    public Ballot Current { get; private set; }
    public Stage Phase { get; private set; }

    public void Propose(string value)
    {
        if (Value is not null) return; // one client value per proposer is enough for single-decree
        Value = value;
        Persist();
        _context.Note("propose", value);
        StartRound();
    }

    /// <summary>Called every tick while nothing is learned: retry with a higher ballot when the timer runs out.</summary>
    public void Tick()
    {
        if (Value is null) return;
        if (--_ticksLeft <= 0) StartRound();
    }

    public void Observe(Ballot ballot) => _highestSeen = Ballot.Max(_highestSeen, ballot);

    public void OnPromise(NodeId from, PaxosMessage.Promise promise)
    {
        if (Phase != Stage.Preparing || promise.Ballot != Current) return; // a stale or duplicate answer
        _promises[from] = promise;
        if (_promises.Count < Quorum.Majority(_context.Peers.Count)) return;

        // P2c: the value of the highest-numbered proposal any acceptor in the majority accepted, else our own.
        var highest = _promises.Values.MaxBy(p => p.AcceptedBallot)!;
        var value = highest.AcceptedValue ?? Value!;
        Phase = Stage.Accepting;
        _context.Note("phase2", highest.AcceptedValue is null
            ? $"{Current} proposes own value {value}"
            : $"{Current} proposes {value}, accepted earlier under {highest.AcceptedBallot}");
        foreach (var acceptor in _context.Peers) _context.Send(acceptor, new PaxosMessage.Accept(Current, value));
    }

    public void OnNack(PaxosMessage.Nack nack)
    {
        Observe(nack.Promised);
        if (Phase == Stage.Idle || nack.Ballot != Current) return;
        Phase = Stage.Idle;
        _ticksLeft = _options.RandomRetry(_context.Random); // back off: the higher ballot may be about to win
        _context.Note("preempted", $"{Current} by {nack.Promised}");
    }

    public void Stop() => Phase = Stage.Idle;

    private void StartRound()
    {
        Round = Ballot.Above(_highestSeen, Round, _context.Self).Round;
        Persist(); // before Prepare leaves: a ballot is never used twice, even across a crash (§2.5)
        Current = new Ballot(Round, _context.Self);
        Phase = Stage.Preparing;
        _promises.Clear();
        _ticksLeft = _options.RandomRetry(_context.Random);
        _context.Note("ballot", Current.ToString());
        foreach (var acceptor in _context.Peers) _context.Send(acceptor, new PaxosMessage.Prepare(Current));
    }

    private void Persist() =>
        _context.Storage.Write(Key, DurableCodec.Encode(w =>
        {
            w.Write(Round);
            w.WriteNullable(Value);
        }));
}
