using Course.Simulation;

namespace Course.Distributed.Storage;

public enum DfsOperationStatus { Pending, Succeeded, Failed }

/// <summary>
/// One file-system call of a <see cref="DfsClient"/>, filled in as the simulation runs: pending, then succeeded
/// (with data or a listing) or failed (with a <see cref="DfsError"/>). A failed append changed nothing visible.
/// </summary>
public sealed class DfsOperation
{
    internal DfsOperation(long id, NodeId client, string kind, string path, TimeSpan started)
    {
        Id = id;
        Client = client;
        Kind = kind;
        Path = path;
        Started = started;
    }

    public long Id { get; }
    public NodeId Client { get; }
    public string Kind { get; }
    public string Path { get; }
    public TimeSpan Started { get; }
    public TimeSpan? Completed { get; private set; }
    public DfsOperationStatus Status { get; private set; }
    public DfsError Error { get; private set; }
    public string? Detail { get; private set; }

    /// <summary>What a read returned.</summary>
    public byte[]? Data { get; internal set; }

    /// <summary>What a listing returned.</summary>
    public IReadOnlyList<DirectoryEntry>? Entries { get; internal set; }

    /// <summary>The chunk server's answer to a direct replica read.</summary>
    public ChunkStatus? ReplicaStatus { get; internal set; }

    /// <summary>Lease requests, pushes and writes an append needed (1 per chunk when nothing fails).</summary>
    public int WriteAttempts { get; internal set; }

    public bool IsCompleted => Status != DfsOperationStatus.Pending;
    public bool Succeeded => Status == DfsOperationStatus.Succeeded;
    public TimeSpan? Latency => Completed - Started;

    internal void Succeed(TimeSpan now)
    {
        if (IsCompleted) return;
        Status = DfsOperationStatus.Succeeded;
        Completed = now;
    }

    internal void Fail(TimeSpan now, DfsError error, string? detail)
    {
        if (IsCompleted) return;
        Status = DfsOperationStatus.Failed;
        Error = error;
        Detail = detail;
        Completed = now;
    }

    public override string ToString()
    {
        var outcome = Status switch
        {
            DfsOperationStatus.Pending => "pending",
            DfsOperationStatus.Succeeded => Data is { } d ? $"ok, {d.Length:N0} B" : Entries is { } e ? $"ok, {e.Count} entries" : "ok",
            _ => $"failed: {Error}{(Detail is null ? "" : $" ({Detail})")}",
        };
        var time = Latency is { } l ? $" in {l.TotalMilliseconds:F1} ms" : "";
        return $"{Client} {Kind} {Path}: {outcome}{time}";
    }
}

/// <summary>One chunk read a client did: from which server, how far away, how long it took (for "read latency by distance").</summary>
public readonly record struct ChunkReadRecord(TimeSpan At, NodeId Client, NodeId Server, int Distance, int Bytes, TimeSpan Latency, ChunkStatus Status);
