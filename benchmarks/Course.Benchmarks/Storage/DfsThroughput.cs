using Course.Distributed.Storage;
using Course.Simulation;

namespace Course.Benchmarks.Storage;

/// <summary>
/// What both storage measurements share: the cluster (6 chunk servers on 3 racks, 1 client, the course's 64 KiB
/// chunks and 3 replicas, chunks as real files under a directory), the DFS write and read, and the physical
/// reference — the same bytes written as three plain files (one per replica) and read back once (a DFS read
/// fetches each chunk from one replica). No fsync on either side: <see cref="DfsCluster"/> builds its
/// <see cref="DiskChunkStore"/>s with the default <c>flushToDisk: false</c>, so the DFS never fsyncs either.
/// </summary>
internal static class DfsThroughput
{
    public const string FilePath = "/bench/file.bin";
    public const int Replicas = 3;

    /// <summary>A fresh cluster; <paramref name="directory"/> null keeps chunks in the simulator's in-memory blobs.</summary>
    public static DfsCluster NewCluster(string? directory) => new(new DfsClusterOptions
    {
        Seed = 1,
        ChunkServers = 6,
        Racks = 3,
        Clients = 1,
        StoreDirectory = directory,
        // Only a failure would ever wait this long; the default 20 s of virtual time is tight for 32 MiB at 100 Mbit/s.
        Dfs = new DfsOptions { OperationTimeout = TimeSpan.FromMinutes(10) },
    });

    public static byte[] RandomBytes(int mebibytes, int seed = 1)
    {
        var data = new byte[mebibytes * 1024 * 1024];
        new Random(DeterministicRandom.DeriveSeed(seed, mebibytes)).NextBytes(data);
        return data;
    }

    /// <summary>A new empty directory under <paramref name="root"/>.</summary>
    public static string NewDirectory(string root, string name)
    {
        var path = Path.Combine(root, name);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string? path)
    {
        if (path is not null && Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    public static void DfsWrite(DfsCluster cluster, byte[] data)
    {
        var op = cluster.Write(FilePath, data);
        if (!op.Succeeded) throw new InvalidOperationException($"DFS write failed: {op}");
    }

    public static byte[] DfsRead(DfsCluster cluster, int expectedLength)
    {
        var op = cluster.Read(FilePath);
        if (!op.Succeeded || op.Data is not { } data || data.Length != expectedLength)
            throw new InvalidOperationException($"DFS read failed: {op}");
        return data;
    }

    /// <summary>The reference write: the same bytes as <see cref="Replicas"/> plain files.</summary>
    public static void CopyWrite(string directory, byte[] data, bool fsync = false)
    {
        for (var i = 0; i < Replicas; i++)
        {
            var path = ReplicaPath(directory, i);
            if (!fsync)
            {
                File.WriteAllBytes(path, data);
                continue;
            }
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            stream.Write(data);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The reference read: one replica, as the DFS reads each chunk from one replica.</summary>
    public static byte[] CopyRead(string directory) => File.ReadAllBytes(ReplicaPath(directory, 0));

    public static string ReplicaPath(string directory, int replica) => Path.Combine(directory, $"replica-{replica}.bin");

    /// <summary>Decimal megabytes per second of file (user) bytes.</summary>
    public static double MegabytesPerSecond(long bytes, TimeSpan elapsed) => bytes / 1e6 / elapsed.TotalSeconds;
}
