using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// A client in one datacenter: it sends each request to its nearby replica and, with failover on, tries the
/// others in turn when that one refuses (a CP coordinator without a majority), until its deadline. It
/// records what it saw.
/// </summary>
public sealed class CapClient : INode<CapMessage>
{
    private readonly NodeId[] _preference;
    private readonly TimeSpan _deadline;
    private readonly bool _failover;
    private readonly SortedDictionary<long, Outstanding> _outstanding = [];
    private readonly List<CapRequestRecord> _records = [];
    private INodeContext<CapMessage> _context = null!;

    /// <param name="index">This client's number: its lane in the history.</param>
    /// <param name="preference">Replicas in the order this client tries them, its own datacenter's first.</param>
    /// <param name="deadline">How long it waits for an answer before counting the request as unanswered.</param>
    /// <param name="failover">Whether a refused request is retried at the next replica.</param>
    public CapClient(int index, IReadOnlyList<NodeId> preference, TimeSpan deadline, bool failover = false)
    {
        ArgumentNullException.ThrowIfNull(preference);
        if (preference.Count == 0) throw new ArgumentException("A client needs at least one replica.", nameof(preference));
        if (deadline <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(deadline), deadline, "deadline must be positive.");
        Index = index;
        _preference = preference.ToArray();
        _deadline = deadline;
        _failover = failover;
    }

    public int Index { get; }

    /// <summary>The replica this client talks to first: its datacenter.</summary>
    public int Datacenter => _preference[0].Value;

    public IReadOnlyList<CapRequestRecord> Records => _records;

    public bool Idle => _outstanding.Count == 0;

    public void Start(INodeContext<CapMessage> context) => _context = context;

    public void Submit(WorkloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outstanding = new Outstanding(request, _context.Now);
        _outstanding.Add(request.Id, outstanding);
        Send(outstanding);
    }

    public void Receive(NodeId from, CapMessage message)
    {
        if (message is not ClientReply reply || !_outstanding.TryGetValue(reply.RequestId, out var o) || reply.Attempt != o.Attempt) return;
        switch (reply.Status)
        {
            case ReplyStatus.Ok:
                Complete(o, RequestOutcome.Ok, reply.Values, reply.Histories);
                break;
            case ReplyStatus.Refused when _failover && o.Attempt < _preference.Length:
                Send(o); // that replica certainly did nothing: the next one may be on the majority side
                break;
            case ReplyStatus.Refused:
                Complete(o, RequestOutcome.Refused);
                break;
            default:
                Complete(o, RequestOutcome.TimedOut);
                break;
        }
    }

    public void Tick()
    {
        foreach (var o in _outstanding.Values.Where(o => _context.Now - o.Call >= _deadline).ToArray())
            Complete(o, RequestOutcome.TimedOut);
    }

    /// <summary>Gives up on whatever is still outstanding (the run is over).</summary>
    public void Abandon()
    {
        foreach (var o in _outstanding.Values.ToArray()) Complete(o, RequestOutcome.TimedOut);
    }

    private void Send(Outstanding o)
    {
        var replica = _preference[o.Attempt];
        o.Attempt++;
        _context.Send(replica, new ClientRequest(o.Request.Id, o.Attempt, o.Request.Operation, o.Request.Key, o.Request.Value));
    }

    private void Complete(Outstanding o, RequestOutcome outcome, IReadOnlyList<string>? values = null, IReadOnlyList<CausalHistory>? histories = null)
    {
        _outstanding.Remove(o.Request.Id);
        var r = o.Request;
        _records.Add(new CapRequestRecord(r.Id, Index, Datacenter, r.Operation, r.Key, r.Value, o.Call, _context.Now, outcome, values ?? [], o.Attempt)
        {
            Histories = histories ?? [],
        });
    }

    private sealed class Outstanding(WorkloadRequest request, TimeSpan call)
    {
        public WorkloadRequest Request { get; } = request;
        public TimeSpan Call { get; } = call;
        public int Attempt { get; set; }
    }
}
