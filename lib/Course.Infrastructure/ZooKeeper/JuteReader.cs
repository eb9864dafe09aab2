using System.Buffers.Binary;
using System.Text;

namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// Reads Jute records from one received frame (the length prefix already removed). The mirror of <see cref="JuteWriter"/>.
/// </summary>
internal sealed class JuteReader(byte[] frame)
{
    private int _position;

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public bool ReadBool() => Take(1)[0] != 0;

    /// <summary>A buffer; the wire's null (length -1) is returned as empty, which is what callers want.</summary>
    public byte[] ReadBuffer()
    {
        var length = ReadInt();
        return length <= 0 ? [] : Take(length).ToArray();
    }

    public string? ReadString()
    {
        var length = ReadInt();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public List<string> ReadStringVector()
    {
        var count = ReadInt();
        var items = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
            items.Add(ReadString() ?? "");
        return items;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > frame.Length)
            throw new InvalidDataException($"Jute record truncated: wanted {count} bytes at offset {_position} of a {frame.Length}-byte frame.");
        var span = frame.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
