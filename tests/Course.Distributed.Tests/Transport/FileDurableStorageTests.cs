using Course.Distributed.Transport;

namespace Course.Distributed.Tests.Transport;

public sealed class FileDurableStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("course-storage-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadsWhatWasWrittenAndForgetsWhatWasDeleted()
    {
        var storage = new FileDurableStorage(_dir);
        Assert.Null(storage.Read("raftstate"));
        Assert.Equal(0, storage.SizeOf("raftstate"));
        storage.Write("raftstate", [1, 2, 3]);
        storage.Write("raftstate", [4, 5]);
        Assert.Equal([4, 5], storage.Read("raftstate"));
        Assert.Equal(2, storage.SizeOf("raftstate"));
        storage.Write("empty", []);
        Assert.Equal(Array.Empty<byte>(), storage.Read("empty"));
        storage.Delete("raftstate");
        storage.Delete("never-written");
        Assert.Null(storage.Read("raftstate"));
    }

    [Fact]
    public void ANewInstanceOnTheSameDirectorySeesTheStateAfterACrash()
    {
        var before = new FileDurableStorage(_dir, flushToDisk: false);
        before.Write("raftstate", [9, 9, 9]);
        before.Write("paxos/acceptor", [7]);
        before.Write("../escape", [6]);
        // "Crash": drop the instance, open the same directory as the restarted node would.
        var after = new FileDurableStorage(_dir);
        Assert.Equal([9, 9, 9], after.Read("raftstate"));
        Assert.Equal([7], after.Read("paxos/acceptor"));
        Assert.Equal([6], after.Read("../escape"));
        Assert.Equal(["../escape", "paxos/acceptor", "raftstate"], after.Keys());
        Assert.Equal(3, Directory.GetFiles(_dir).Length); // every key is a file in the node's directory, none escaped it
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void AWriteInterruptedBeforeItsRenameLeavesTheOldValue()
    {
        var storage = new FileDurableStorage(_dir);
        storage.Write("raftstate", [1, 1, 1, 1]);
        // A crash mid-write leaves a partial temp file beside the real one; the real one is untouched.
        File.WriteAllBytes(Path.Combine(_dir, "raftstate.tmp"), [2, 2]);
        var restarted = new FileDurableStorage(_dir);
        Assert.Equal([1, 1, 1, 1], restarted.Read("raftstate"));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp")); // the leftover is cleaned up on open
    }

    [Fact]
    public async Task ConcurrentReadersNeverSeeAHalfWrittenValue()
    {
        var storage = new FileDurableStorage(_dir, flushToDisk: false);
        byte[] a = [.. Enumerable.Repeat((byte)0xAA, 64 * 1024)], b = [.. Enumerable.Repeat((byte)0xBB, 32 * 1024)];
        storage.Write("k", a);
        var reader = new FileDurableStorage(_dir, flushToDisk: false); // another instance: no shared lock
        var stop = DateTime.UtcNow + TimeSpan.FromMilliseconds(400);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 400 && DateTime.UtcNow < stop; i++) storage.Write("k", i % 2 == 0 ? b : a);
        });
        var reads = 0;
        while (!writer.IsCompleted && reads < 100_000)
        {
            var value = reader.Read("k");
            Assert.NotNull(value);
            Assert.True(value.AsSpan().SequenceEqual(a) || value.AsSpan().SequenceEqual(b), $"torn read of {value.Length} bytes");
            reads++;
        }
        await writer.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(reads > 0);
    }
}
