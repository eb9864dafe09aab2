using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Course.Distributed.Production;

/// <summary>
/// One running DotNext Raft member: a <see cref="RaftCluster"/> on TCP, its <see cref="WriteAheadLog"/> and our
/// <see cref="KvStateMachine"/>, all in one directory. A new instance on the same directory and address is the
/// same member restarted.
/// </summary>
internal sealed class DotNextNode
{
    private DotNextNode(RaftCluster raft, WriteAheadLog wal, KvStateMachine state) => (Raft, Wal, State) = (raft, wal, state);

    public RaftCluster Raft { get; }
    public WriteAheadLog Wal { get; }
    public KvStateMachine State { get; }

    public bool IsLeader => Raft.Leader is { IsRemote: false } && !Raft.LeadershipToken.IsCancellationRequested;
    public long Term => Raft.Term;

    public static async Task<DotNextNode> StartAsync(IPEndPoint self, IReadOnlyList<IPEndPoint> members, string directory, DotNextKvOptions options, CancellationToken cancellation)
    {
        // The state machine restores its latest snapshot first: the WAL's constructor reads it to know where to replay from.
        var state = new KvStateMachine(new DirectoryInfo(Path.Combine(directory, "state")), options.SnapshotEvery);
        await state.RestoreAsync(cancellation).ConfigureAwait(false);
        // No durability switch: 6.12 marks Options.FlushOnCommit obsolete with "This property is always true".
        var wal = new WriteAheadLog(new WriteAheadLog.Options { Location = Path.Combine(directory, "wal") }, state);
        var configuration = new RaftCluster.TcpConfiguration(self)
        {
            LowerElectionTimeout = (int)options.ElectionTimeoutMin.TotalMilliseconds,
            UpperElectionTimeout = (int)options.ElectionTimeoutMax.TotalMilliseconds,
            // All members are known up front and start together, so no node bootstraps alone (DotNext's "cold start").
            ColdStart = false,
            // Null selects DotNext's in-memory membership storage ("for testing purposes", its docs say); we fill it below.
            ConfigurationStorage = null!,
        };
        var membership = (InMemoryClusterConfigurationStorage<EndPoint>)configuration.ConfigurationStorage;
        var builder = membership.CreateInitialConfigurationBuilder();
        foreach (var member in members) builder.Add(member);
        builder.Build();

        var raft = new RaftCluster(configuration) { AuditTrail = wal };
        try
        {
            await raft.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await raft.DisposeAsync().ConfigureAwait(false);
            await wal.DisposeAsync().ConfigureAwait(false);
            await state.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new DotNextNode(raft, wal, state);
    }

    /// <summary>
    /// Stops the member without DotNext's graceful shutdown (no StopAsync): the listener and connections close at
    /// once, as when the process dies; then the WAL and state machine release their files.
    /// </summary>
    public async Task KillAsync()
    {
        await Raft.DisposeAsync().ConfigureAwait(false);
        await Wal.DisposeAsync().ConfigureAwait(false);
        await State.DisposeAsync().ConfigureAwait(false);
    }
}
