using System.Text;

namespace Course.Distributed.Paxos;

/// <summary>
/// Turns the little state Paxos must keep on stable storage ("Paxos Made Simple" §2.5) into bytes and back.
/// Hand-written binary, not a serializer: the layout is obvious and the sizes are honest.
/// </summary>
internal static class DurableCodec
{
    public static byte[] Encode(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) write(writer);
        return stream.ToArray();
    }

    public static T Decode<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return read(reader);
    }

    public static void Write(this BinaryWriter writer, Ballot ballot)
    {
        writer.Write(ballot.Round);
        writer.Write(ballot.Proposer.Value);
    }

    public static Ballot ReadBallot(this BinaryReader reader) => new(reader.ReadInt32(), reader.ReadInt32());

    public static void WriteNullable(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    public static string? ReadNullableString(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>Rough wire size of a string (UTF-8 plus a length prefix), for <see cref="Simulation.IHasSize"/>.</summary>
    public static int SizeOf(string? value) => value is null ? 1 : 4 + Encoding.UTF8.GetByteCount(value);

    public const int BallotSize = 8;
}
