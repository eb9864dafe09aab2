using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// One process of single-decree Paxos playing all three roles of "Paxos Made Simple" §2.1 — proposer,
/// acceptor and learner — as a sans-I/O state machine. A node with a client value proposes it and retries
/// until it learns a chosen value; a node without one asks now and then whether something was chosen, and
/// a node that knows answers.
/// </summary>
public sealed class PaxosNode : INode<PaxosMessage>
{
    private readonly PaxosOptions _options;
    private readonly Action<string>? _onLearned;
    private INodeContext<PaxosMessage> _context = null!;
    private Acceptor _acceptor = null!;
    private Proposer _proposer = null!;
    private Learner _learner = null!;
    private int _askTicksLeft;

    /// <param name="options">Timeouts and the deliberately broken acceptor switch; defaults if null.</param>
    /// <param name="onLearned">Called once when this node learns the chosen value (an observer for harnesses).</param>
    public PaxosNode(PaxosOptions? options = null, Action<string>? onLearned = null)
    {
        _options = options ?? new PaxosOptions();
        _onLearned = onLearned;
    }

    public NodeId Id => _context.Self;

    /// <summary>The chosen value this node learned, or null.</summary>
    public string? LearnedValue => _learner.Value;

    /// <summary>The value this node's client asked it to propose, or null.</summary>
    public string? ProposedValue => _proposer.Value;

    /// <summary>The acceptor's promise: no proposal numbered lower will be accepted.</summary>
    public Ballot Promised => _acceptor.Promised;

    /// <summary>The acceptor's highest accepted proposal (ballot ⊥ and value null if none).</summary>
    public (Ballot Ballot, string? Value) AcceptedProposal => (_acceptor.AcceptedBallot, _acceptor.AcceptedValue);

    /// <summary>The proposer's current ballot (⊥ before its first round).</summary>
    public Ballot CurrentBallot => _proposer.Current;

    public void Start(INodeContext<PaxosMessage> context)
    {
        _context = context;
        _acceptor = new Acceptor(context, _options.PersistPromises);
        _proposer = new Proposer(context, _options);
        _learner = new Learner(context, _onLearned);
        _askTicksLeft = _options.RandomRetry(context.Random);
    }

    /// <summary>A client asks this node to get <paramref name="value"/> chosen (ignored if it already has a value).</summary>
    public void Propose(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (_learner.Value is not null) return;
        _proposer.Propose(value);
    }

    public void Receive(NodeId from, PaxosMessage message)
    {
        switch (message)
        {
            case PaxosMessage.Prepare prepare:
                _proposer.Observe(prepare.Ballot);
                _acceptor.OnPrepare(from, prepare);
                TellIfKnown(from);
                break;
            case PaxosMessage.Accept accept:
                _proposer.Observe(accept.Ballot);
                _acceptor.OnAccept(from, accept);
                TellIfKnown(from);
                break;
            case PaxosMessage.Promise promise:
                if (_learner.Value is null) _proposer.OnPromise(from, promise);
                break;
            case PaxosMessage.Accepted accepted:
                _learner.OnAccepted(from, accepted);
                break;
            case PaxosMessage.Nack nack:
                _proposer.OnNack(nack);
                break;
            case PaxosMessage.Chosen chosen:
                _learner.OnChosen(from, chosen);
                break;
            case PaxosMessage.WhatWasChosen:
                TellIfKnown(from);
                break;
        }
        if (_learner.Value is not null) _proposer.Stop();
    }

    public void Tick()
    {
        if (_learner.Value is not null) return;
        if (_proposer.Value is not null)
        {
            _proposer.Tick();
            return;
        }
        if (--_askTicksLeft > 0) return;
        _askTicksLeft = _options.RandomRetry(_context.Random);
        foreach (var peer in _context.Peers)
            if (peer != _context.Self) _context.Send(peer, new PaxosMessage.WhatWasChosen());
    }

    /// <summary>A proposer still working on a decided instance, or a learner asking, is told the outcome.</summary>
    private void TellIfKnown(NodeId to)
    {
        if (_learner.Value is { } value && to != _context.Self) _context.Send(to, new PaxosMessage.Chosen(value));
    }
}
