using System.Buffers;
using System.Text;

namespace Course.Distributed.Transport;

/// <summary>
/// Appends compact primitives: integers as zig-zag varints (small terms and indexes take one or two bytes, and
/// the -1 "no conflict" markers stay small), strings and blobs with a varint length.
/// </summary>
public sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public WireWriter(int initialCapacity = 64) => _buffer = new ArrayBufferWriter<byte>(Math.Max(1, initialCapacity));

    public int Length => _buffer.WrittenCount;

    public WireWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public WireWriter Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public WireWriter Int(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (zigzag >= 0x80)
        {
            span[n++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        span[n++] = (byte)zigzag;
        _buffer.Advance(n);
        return this;
    }

    public WireWriter Bytes(ReadOnlySpan<byte> value)
    {
        Int(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
        return this;
    }

    public WireWriter String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int(count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
