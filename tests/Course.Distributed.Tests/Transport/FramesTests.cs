using System.Buffers;
using Course.Distributed.Transport;

namespace Course.Distributed.Tests.Transport;

public class FramesTests
{
    [Fact]
    public async Task FramesRoundTripInOrder()
    {
        var buffer = new ArrayBufferWriter<byte>();
        byte[][] payloads = [[], [1], [.. Enumerable.Range(0, 70_000).Select(i => (byte)i)], Frames.Hello(4)];
        foreach (var p in payloads) Frames.Write(buffer, p);
        using var stream = new MemoryStream(buffer.WrittenMemory.ToArray());
        foreach (var p in payloads) Assert.Equal(p, await Frames.ReadAsync(stream, CancellationToken.None));
        Assert.Null(await Frames.ReadAsync(stream, CancellationToken.None)); // clean end between frames
    }

    [Fact]
    public async Task TruncatedAndOversizedFramesAreErrors()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Frames.Write(buffer, new byte[10]);
        var bytes = buffer.WrittenMemory.ToArray();
        await Assert.ThrowsAsync<InvalidDataException>(() => Frames.ReadAsync(new MemoryStream(bytes[..2]), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => Frames.ReadAsync(new MemoryStream(bytes[..9]), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => Frames.ReadAsync(new MemoryStream([0x7F, 0xFF, 0xFF, 0xFF]), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => Frames.ReadAsync(new MemoryStream([0xFF, 0xFF, 0xFF, 0xFF]), CancellationToken.None));
    }

    [Fact]
    public void HelloNamesTheNodeAndRejectsStrangers()
    {
        Assert.Equal(new Course.Simulation.NodeId(3), Frames.ParseHello(Frames.Hello(3)));
        Assert.Throws<InvalidDataException>(() => Frames.ParseHello("GET / HTTP/1.1"u8));
    }
}
