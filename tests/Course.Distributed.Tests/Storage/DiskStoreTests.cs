using Course.Distributed.Storage;
using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.Storage;

/// <summary>The same nodes on real directories: one per chunk server under a temp directory, deleted afterwards.</summary>
public sealed class DiskStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("course-dfs-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TheDiskStoreKeepsDataAndMetadataInRealFilesAndANewInstanceSeesThem()
    {
        var dir = Path.Combine(_root, "unit");
        var store = new DiskChunkStore(dir);
        var io = new ChecksummedChunk(store, 1024);
        var h = new ChunkHandle(42);
        io.SetVersion(h, 3);
        Assert.Equal(ChunkStatus.Ok, io.Write(h, 3, 0, DfsRuns.Bytes(1, 0, 2500)));
        Assert.Equal(ChunkStatus.Ok, io.Write(h, 4, 2500, DfsRuns.Bytes(1, 1, 100)));
        Assert.True(File.Exists(store.DataPath(h)) && File.Exists(store.MetaPath(h)));
        Assert.Equal(2600, new FileInfo(store.DataPath(h)).Length);

        var reopened = new DiskChunkStore(dir); // the restarted server's view
        Assert.Equal([new StoredChunk(h, 4, 2600)], reopened.List());
        Assert.Equal(ChunkStatus.Ok, new ChecksummedChunk(reopened, 1024).ReadAll(h, out var all));
        Assert.Equal([.. DfsRuns.Bytes(1, 0, 2500), .. DfsRuns.Bytes(1, 1, 100)], all);
        File.WriteAllBytes(Path.Combine(dir, "chunk-zz.meta"), [1, 2, 3]); // junk is ignored
        reopened.Delete(h);
        Assert.Empty(reopened.List());
        Assert.False(File.Exists(store.DataPath(h)));
    }

    [Fact]
    public void ADiskBackedClusterBehavesExactlyLikeTheInMemoryOne()
    {
        SeedRuns.ForEachSeed(nameof(ADiskBackedClusterBehavesExactlyLikeTheInMemoryOne), seed =>
        {
            var memory = Scenario(DfsRuns.Cluster(seed), seed);
            var disk = DfsRuns.Cluster(seed, storeDirectory: Path.Combine(_root, $"seed{seed}"));
            var onDisk = Scenario(disk, seed);
            Assert.Equal(memory, onDisk); // same seed, same run: chunk for chunk, version for version

            foreach (var server in disk.ChunkServers)
            {
                var dir = Path.Combine(_root, $"seed{seed}", $"chunkserver-{server.Value}");
                var expected = disk.StoreOf(server).List();
                Assert.Equal(expected.Count, Directory.GetFiles(dir, "*.meta").Length);
                foreach (var chunk in expected)
                    Assert.Equal(chunk.Length, new FileInfo(Path.Combine(dir, $"chunk-{chunk.Handle.Value:x16}.data")).Length);
            }
        }, seeds: SeedRuns.Count(3));
    }

    /// <summary>Write, crash a server, append, restart it, corrupt a replica on its disk, read everything back.</summary>
    private static string Scenario(DfsCluster cluster, int seed)
    {
        var files = ReReplicationTests.WriteFiles(cluster, seed, 4);
        var victim = cluster.ChunkServers[seed % cluster.ChunkServers.Count];
        cluster.Crash(victim);
        var more = DfsRuns.Bytes(seed, 9, 5000);
        DfsRuns.Succeeded(cluster, cluster.Append(files[0].Path, more));
        files[0] = (files[0].Path, [.. files[0].Data, .. more]);
        cluster.Restart(victim);
        var target = cluster.Chunks().First(c => c.LiveReplicas > 0);
        cluster.CorruptReplica(target.Copies.First(c => c.State == ReplicaState.Live).Server, target.Handle, 0);
        foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data);
        Assert.True(cluster.RunUntilReplicated(TimeSpan.FromSeconds(5)), $"seed {seed}: not repaired\n{cluster.Describe()}");
        foreach (var (path, data) in files) DfsRuns.ReadsBack(cluster, path, data);
        return cluster.Describe();
    }
}
