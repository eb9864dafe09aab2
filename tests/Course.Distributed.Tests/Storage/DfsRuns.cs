using Course.Distributed.Storage;
using Course.Simulation;

namespace Course.Distributed.Tests.Storage;

/// <summary>Shared set-ups: small chunks so files cross many boundaries, seeded data, and failure messages that name the seed.</summary>
internal static class DfsRuns
{
    /// <summary>8 KiB chunks with 1 KiB checksum blocks: a 40 KiB file has five chunks; everything else is the default.</summary>
    public static DfsOptions SmallChunks { get; } = new() { ChunkSize = 8 * 1024, ChecksumBlockSize = 1024, PacketSize = 4 * 1024 };

    public static DfsCluster Cluster(int seed, int servers = 6, int racks = 3, DfsOptions? dfs = null, string? storeDirectory = null, int clients = 1) =>
        new(new DfsClusterOptions
        {
            Seed = seed,
            ChunkServers = servers,
            Racks = racks,
            Clients = clients,
            Dfs = dfs ?? SmallChunks,
            StoreDirectory = storeDirectory,
        });

    /// <summary>Seeded bytes, different for every (seed, file).</summary>
    public static byte[] Bytes(int seed, int file, int length)
    {
        var data = new byte[length];
        new Random(DeterministicRandom.DeriveSeed(seed, file, length)).NextBytes(data);
        return data;
    }

    public static void Succeeded(DfsCluster cluster, DfsOperation op)
    {
        if (!op.Succeeded) Assert.Fail($"seed {cluster.Seed}: {op}\n{cluster.Describe()}\n{cluster.Simulation.Trace.Tail(30)}");
    }

    public static void ReadsBack(DfsCluster cluster, string path, byte[] expected, int client = 0)
    {
        var read = cluster.Read(path, client);
        Succeeded(cluster, read);
        if (!expected.AsSpan().SequenceEqual(read.Data))
        {
            var at = FirstDifference(expected, read.Data!);
            Assert.Fail($"seed {cluster.Seed}: {path} read back {read.Data!.Length} B, expected {expected.Length} B; first difference at byte {at}\n{cluster.Describe()}");
        }
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }
}
