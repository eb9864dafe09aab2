using System.Buffers;
using System.Buffers.Binary;
using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// The wire format: every frame is a 4-byte big-endian length and that many payload bytes. A connection opens
/// with a hello frame naming the dialling node, so the receiver knows who every later frame is from.
/// </summary>
public static class Frames
{
    /// <summary>Frames larger than this are refused: a corrupt length must not make us allocate gigabytes.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    public const int HeaderBytes = 4;

    private static ReadOnlySpan<byte> HelloMagic => "CDT1"u8;

    /// <summary>Appends one frame (header and payload) to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
            throw new ArgumentException($"A frame of {payload.Length} bytes exceeds the {MaxPayloadBytes}-byte limit.", nameof(payload));
        var span = output.GetSpan(HeaderBytes + payload.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, payload.Length);
        payload.CopyTo(span[HeaderBytes..]);
        output.Advance(HeaderBytes + payload.Length);
    }

    /// <summary>
    /// Reads one frame's payload, or null when the peer closed the connection cleanly between frames. A
    /// connection closed mid-frame or an oversized length is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellation)
    {
        var header = new byte[HeaderBytes];
        var got = await stream.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellation).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < HeaderBytes) throw new InvalidDataException("The connection closed inside a frame header.");
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxPayloadBytes) throw new InvalidDataException($"Frame length {length} is out of range.");
        var payload = new byte[length];
        got = await stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false, cancellation).ConfigureAwait(false);
        if (got < length) throw new InvalidDataException("The connection closed inside a frame.");
        return payload;
    }

    public static byte[] Hello(NodeId from)
    {
        var payload = new byte[HelloMagic.Length + 4];
        HelloMagic.CopyTo(payload);
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(HelloMagic.Length), from.Value);
        return payload;
    }

    public static NodeId ParseHello(ReadOnlySpan<byte> payload)
    {
        if (payload.Length != HelloMagic.Length + 4 || !payload[..HelloMagic.Length].SequenceEqual(HelloMagic))
            throw new InvalidDataException("The connection did not open with a hello frame.");
        return new NodeId(BinaryPrimitives.ReadInt32BigEndian(payload[HelloMagic.Length..]));
    }
}
