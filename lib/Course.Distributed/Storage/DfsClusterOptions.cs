using static Course.Simulation.Guard;
using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>How <see cref="DfsCluster"/> builds its simulated cluster. Every knob has a course-sized default.</summary>
public sealed record DfsClusterOptions
{
    private readonly int _servers = 6;
    private readonly int _racks = 3;
    private readonly int _clients = 1;
    private readonly TimeSpan _tick = TimeSpan.FromMilliseconds(1);

    public int Seed { get; init; } = 1;

    /// <summary>Chunk servers, spread round-robin over the racks (n1 on rack1, n2 on rack2, …).</summary>
    public int ChunkServers { get => _servers; init => _servers = AtLeast(value, 1, nameof(ChunkServers)); }

    public int Racks { get => _racks; init => _racks = AtLeast(value, 1, nameof(Racks)); }

    /// <summary>Client nodes created at start, each on its own host, racks round-robin (more with <see cref="DfsCluster.AddClient"/>).</summary>
    public int Clients { get => _clients; init => _clients = AtLeast(value, 0, nameof(Clients)); }

    /// <summary>The protocol's knobs (chunk size, replication factor, timers).</summary>
    public DfsOptions Dfs { get; init; } = new();

    /// <summary>
    /// Null: chunks live in the simulator's durable blobs. A directory: every chunk server keeps real files in
    /// its own subdirectory (<see cref="DiskChunkStore"/>); the caller owns the directory and deletes it.
    /// </summary>
    public string? StoreDirectory { get; init; }

    /// <summary>What distance and bandwidth cost (the default is the GFS paper's 100 Mbit/s cluster).</summary>
    public LinkModel Link { get; init; } = LinkModel.Gfs2003;

    /// <summary>The wire itself, under the link model: a reliable LAN with 0.1–0.3 ms of latency.</summary>
    public NetworkConditions Network { get; init; } = NetworkConditions.Reliable with
    {
        Latency = Latency.Uniform(TimeSpan.FromMilliseconds(0.1), TimeSpan.FromMilliseconds(0.3)),
    };

    /// <summary>Node clock tick; held messages leave on ticks, so it bounds the link model's resolution.</summary>
    public TimeSpan TickInterval
    {
        get => _tick;
        init => _tick = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TickInterval), value, "TickInterval must be positive.");
    }

    /// <summary>Record every message in the trace (big: data messages carry their bytes). Notes and faults are always recorded.</summary>
    public bool TraceMessages { get; init; }
}
