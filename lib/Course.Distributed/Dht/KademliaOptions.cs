namespace Course.Distributed.Dht;

/// <summary>
/// Kademlia's knobs (Maymounkov &amp; Mazières 2002, §2). Ids are 64 bits, not the paper's 160: a ulong XORs in
/// one instruction, and 64 bits are as collision-free as 160 for overlays of this size.
/// </summary>
public sealed record KademliaOptions
{
    private readonly int _k = 20;
    private readonly int _alpha = 3;
    private readonly int _rpcTimeout = 3;

    public const int Bits = 64;

    /// <summary>k: bucket size and replication factor.</summary>
    public int K { get => _k; init => _k = ChordOptions.Check(value, 1, 1024, nameof(K)); }

    /// <summary>α: RPCs in flight per lookup round.</summary>
    public int Alpha { get => _alpha; init => _alpha = ChordOptions.Check(value, 1, 1024, nameof(Alpha)); }

    /// <summary>Ticks without a reply before a contact is taken for dead (and dropped from its bucket).</summary>
    public int RpcTimeoutTicks { get => _rpcTimeout; init => _rpcTimeout = ChordOptions.Check(value, 1, int.MaxValue, nameof(RpcTimeoutTicks)); }
}
