using System.Buffers.Binary;
using System.Text;

namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// Builds one length-prefixed frame in Jute's binary format: big-endian ints and longs, a byte per boolean,
/// buffers and strings as an int length (-1 for null) followed by the bytes, vectors as an int count then the items.
/// </summary>
internal sealed class JuteWriter
{
    private byte[] _buffer = new byte[256];
    private int _length = 4; // room for the frame length, filled in by ToFrame

    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    public void WriteBool(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteBuffer(ReadOnlySpan<byte> bytes)
    {
        WriteInt(bytes.Length);
        bytes.CopyTo(Reserve(bytes.Length));
    }

    public void WriteString(string value) => WriteBuffer(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// vector&lt;ACL&gt; with the single entry world:anyone, all permissions (ZooDefs.Ids.OPEN_ACL_UNSAFE):
    /// the course does not teach authentication.
    /// </summary>
    public void WriteOpenAcl()
    {
        const int allPermissions = 31; // READ | WRITE | CREATE | DELETE | ADMIN
        WriteInt(1);
        WriteInt(allPermissions);
        WriteString("world");
        WriteString("anyone");
    }

    /// <summary>The bytes to send: a 4-byte big-endian length, then the record(s).</summary>
    public byte[] ToFrame()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer, _length - 4);
        return _buffer[.._length];
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
