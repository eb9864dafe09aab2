namespace Course.Distributed.Dht;

/// <summary>Chord's knobs. Periods and timeouts are in ticks of the simulator clock (10 ms by default).</summary>
public sealed record ChordOptions
{
    private readonly int _bits = 64;
    private readonly int _successors = 8;
    private readonly int _stabilize = 5;
    private readonly int _fixFingers = 1;
    private readonly int _rpcTimeout = 3;
    private readonly int _predecessorTimeout = 30;
    private readonly int _candidates = 3;

    /// <summary>m, the identifier size in bits (1..64). 64 rather than SHA-1's 160: a ulong is fast and collisions are as unlikely at this scale.</summary>
    public int Bits { get => _bits; init => _bits = Check(value, 1, 64, nameof(Bits)); }

    /// <summary>r, the successor-list length (§5.3): the ring survives r − 1 adjacent failures.</summary>
    public int SuccessorListLength { get => _successors; init => _successors = Check(value, 1, 1024, nameof(SuccessorListLength)); }

    /// <summary>How often stabilize runs (ask the successor for its predecessor, then notify it).</summary>
    public int StabilizeEveryTicks { get => _stabilize; init => _stabilize = Check(value, 1, int.MaxValue, nameof(StabilizeEveryTicks)); }

    /// <summary>How often fix_fingers refreshes the next finger.</summary>
    public int FixFingersEveryTicks { get => _fixFingers; init => _fixFingers = Check(value, 1, int.MaxValue, nameof(FixFingersEveryTicks)); }

    /// <summary>Ticks without a reply before a peer is taken for dead.</summary>
    public int RpcTimeoutTicks { get => _rpcTimeout; init => _rpcTimeout = Check(value, 1, int.MaxValue, nameof(RpcTimeoutTicks)); }

    /// <summary>check_predecessor, simplified: a predecessor that has not notified us for this long is forgotten.</summary>
    public int PredecessorTimeoutTicks { get => _predecessorTimeout; init => _predecessorTimeout = Check(value, 1, int.MaxValue, nameof(PredecessorTimeoutTicks)); }

    /// <summary>How many next hops a node suggests (closest first), so a lookup can route around a dead one.</summary>
    public int NextHopCandidates { get => _candidates; init => _candidates = Check(value, 1, 64, nameof(NextHopCandidates)); }

    internal static int Check(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in {min}..{max}.");
}
