using static Course.Simulation.Guard;
namespace Course.Distributed.Storage;

/// <summary>How data is pushed to a chunk's replicas before the write is committed.</summary>
public enum DataFlow
{
    /// <summary>
    /// GFS §3.2: along a chain, nearest replica first, each forwarding every packet as soon as it arrives,
    /// so each machine's full outbound bandwidth carries the data once.
    /// </summary>
    Pipeline,
    /// <summary>The naive alternative: the client sends the whole data to every replica itself.</summary>
    Star,
}

/// <summary>
/// The protocol's knobs, shared by master, chunk servers and clients. Sizes are scaled down from the papers
/// (64 KiB chunks instead of 64 MB) and times are virtual, so a course run moves real bytes in milliseconds.
/// </summary>
public sealed record DfsOptions
{
    private readonly int _chunkSize = 64 * 1024;
    private readonly int _blockSize = 4 * 1024;
    private readonly int _replication = 3;
    private readonly TimeSpan _heartbeat = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _deadAfter = TimeSpan.FromMilliseconds(500);
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _writerLease = TimeSpan.FromSeconds(3);
    private readonly TimeSpan _grantTimeout = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _scan = TimeSpan.FromMilliseconds(50);
    private readonly int _clonesPerServer = 2;
    private readonly TimeSpan _cloneTimeout = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _mutationTimeout = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _rpcTimeout = TimeSpan.FromMilliseconds(250);
    private readonly TimeSpan _dataTimeout = TimeSpan.FromMilliseconds(400);
    private readonly TimeSpan _operationTimeout = TimeSpan.FromSeconds(20);
    private readonly int _writeAttempts = 8;
    private readonly int _packetSize = 16 * 1024;
    private readonly TimeSpan _scrub = TimeSpan.FromMilliseconds(200);
    private readonly TimeSpan _bufferLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Fixed chunk size (GFS §2.5: 64 MB; the course uses 64 KiB so tests move real bytes quickly).</summary>
    public int ChunkSize { get => _chunkSize; init => _chunkSize = AtLeast(value, 1, nameof(ChunkSize)); }

    /// <summary>Bytes covered by one 32-bit checksum (GFS §5.2: 64 KB blocks; HDFS: 512 bytes). Must divide the chunk size.</summary>
    public int ChecksumBlockSize { get => _blockSize; init => _blockSize = AtLeast(value, 1, nameof(ChecksumBlockSize)); }

    /// <summary>Replicas per chunk (GFS §4.3 and HDFS: 3 by default).</summary>
    public int ReplicationFactor { get => _replication; init => _replication = AtLeast(value, 1, nameof(ReplicationFactor)); }

    /// <summary>How often a chunk server reports its chunks to the master (GFS §2.6.2 HeartBeat messages).</summary>
    public TimeSpan HeartbeatInterval { get => _heartbeat; init => _heartbeat = Positive(value, nameof(HeartbeatInterval)); }

    /// <summary>A chunk server silent for this long is declared dead and its replicas no longer count.</summary>
    public TimeSpan DeadAfter { get => _deadAfter; init => _deadAfter = Positive(value, nameof(DeadAfter)); }

    /// <summary>How long a primary may order mutations without hearing from the master (GFS §3.1: 60 s).</summary>
    public TimeSpan LeaseDuration { get => _lease; init => _lease = Positive(value, nameof(LeaseDuration)); }

    /// <summary>How long a client keeps a file's writer lease without renewing it (HDFS §2: single writer).</summary>
    public TimeSpan WriterLeaseDuration { get => _writerLease; init => _writerLease = Positive(value, nameof(WriterLeaseDuration)); }

    /// <summary>How long the master waits for replicas to acknowledge a new chunk version before it decides without the silent ones.</summary>
    public TimeSpan GrantTimeout { get => _grantTimeout; init => _grantTimeout = Positive(value, nameof(GrantTimeout)); }

    /// <summary>How often the master looks for dead servers, under- and over-replicated chunks.</summary>
    public TimeSpan ReplicationScanInterval { get => _scan; init => _scan = Positive(value, nameof(ReplicationScanInterval)); }

    /// <summary>At most this many clones in flight into or out of one server (GFS §4.3: keep cloning traffic from swamping clients).</summary>
    public int MaxClonesPerServer { get => _clonesPerServer; init => _clonesPerServer = AtLeast(value, 1, nameof(MaxClonesPerServer)); }

    /// <summary>A clone not reported done by then is abandoned and rescheduled.</summary>
    public TimeSpan CloneTimeout { get => _cloneTimeout; init => _cloneTimeout = Positive(value, nameof(CloneTimeout)); }

    /// <summary>How long a primary waits for its secondaries to apply a mutation.</summary>
    public TimeSpan MutationTimeout { get => _mutationTimeout; init => _mutationTimeout = Positive(value, nameof(MutationTimeout)); }

    /// <summary>A client resends a request to the master after this long without an answer.</summary>
    public TimeSpan ClientRpcTimeout { get => _rpcTimeout; init => _rpcTimeout = Positive(value, nameof(ClientRpcTimeout)); }

    /// <summary>How long a client waits for a chunk server (data pushed, write committed, chunk read).</summary>
    public TimeSpan ClientDataTimeout { get => _dataTimeout; init => _dataTimeout = Positive(value, nameof(ClientDataTimeout)); }

    /// <summary>A client operation that has not finished by then fails with <see cref="DfsError.Timeout"/>.</summary>
    public TimeSpan OperationTimeout { get => _operationTimeout; init => _operationTimeout = Positive(value, nameof(OperationTimeout)); }

    /// <summary>Attempts per chunk of an append (each failed attempt removes the failed replicas and bumps the version).</summary>
    public int MaxWriteAttempts { get => _writeAttempts; init => _writeAttempts = AtLeast(value, 1, nameof(MaxWriteAttempts)); }

    /// <summary>Data is pushed in packets of this size, so a replica forwards the first packet while the next arrives (HDFS: 64 KB packets).</summary>
    public int PacketSize { get => _packetSize; init => _packetSize = AtLeast(value, 1, nameof(PacketSize)); }

    public DataFlow DataFlow { get; init; } = DataFlow.Pipeline;

    /// <summary>A chunk server verifies one idle chunk this often (GFS §5.2 background scan); zero turns it off.</summary>
    public TimeSpan ScrubInterval
    {
        get => _scrub;
        init => _scrub = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ScrubInterval), value, "ScrubInterval must not be negative.");
    }

    /// <summary>Pushed data not used by a write within this time is dropped from a chunk server's buffer (GFS §3.2 "LRU buffer cache").</summary>
    public TimeSpan PushBufferLifetime { get => _bufferLifetime; init => _bufferLifetime = Positive(value, nameof(PushBufferLifetime)); }

    /// <summary>
    /// After a restart the master grants no lease and moves no replica until every old lease has run out and
    /// every live server has reported (HDFS "safe mode"; GFS §4.5 asks the master to wait for old leases).
    /// </summary>
    public TimeSpan SafeModeDuration => LeaseDuration + HeartbeatInterval + HeartbeatInterval;

    /// <summary>Checks the rules that involve two knobs; called by every node and the cluster.</summary>
    public DfsOptions Validated()
    {
        if (ChunkSize % ChecksumBlockSize != 0)
            throw new ArgumentException($"ChecksumBlockSize ({ChecksumBlockSize}) must divide ChunkSize ({ChunkSize}).", nameof(ChecksumBlockSize));
        if (DeadAfter <= HeartbeatInterval)
            throw new ArgumentException($"DeadAfter ({DeadAfter.TotalMilliseconds} ms) must be longer than HeartbeatInterval ({HeartbeatInterval.TotalMilliseconds} ms).", nameof(DeadAfter));
        return this;
    }
}
