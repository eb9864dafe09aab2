using System.Text;

namespace Course.Distributed.Transport;

/// <summary>Reads what <see cref="WireWriter"/> wrote; any truncated or malformed input is an <see cref="InvalidDataException"/>.</summary>
public ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte Byte()
    {
        if (_position >= _data.Length) throw Truncated();
        return _data[_position++];
    }

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"Expected a boolean (0 or 1), got {b}."),
    };

    public long Int()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return (long)(value >> 1) ^ -(long)(value & 1);
        }
        throw new InvalidDataException("A varint is longer than 10 bytes.");
    }

    /// <summary>A non-negative count no larger than what is left to read (so a corrupt length cannot allocate gigabytes).</summary>
    public int Count(int bytesPerItem = 1)
    {
        var count = Int();
        if (count < 0 || count > (long)(_data.Length - _position) / Math.Max(1, bytesPerItem))
            throw new InvalidDataException($"A length of {count} does not fit in the {_data.Length - _position} bytes left.");
        return (int)count;
    }

    public int Int32()
    {
        var value = Int();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new InvalidDataException($"{value} does not fit in 32 bits.");
    }

    public byte[] Bytes() => Take(Count()).ToArray();

    public string String()
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(Count())); }
        catch (DecoderFallbackException e) { throw new InvalidDataException("A string is not valid UTF-8.", e); }
    }

    public readonly void ExpectEnd()
    {
        if (!AtEnd) throw new InvalidDataException($"{_data.Length - _position} unexpected bytes after the message.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static InvalidDataException Truncated() => new("The message is truncated.");
}
