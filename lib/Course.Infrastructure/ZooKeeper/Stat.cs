namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// Node metadata, field for field as the server sends it (names as in the ZooKeeper docs).
/// A zxid is the id of the transaction that made a change; versions count changes.
/// </summary>
/// <param name="Czxid">Transaction that created the node.</param>
/// <param name="Mzxid">Transaction that last changed the data.</param>
/// <param name="Ctime">Creation time, Unix milliseconds.</param>
/// <param name="Mtime">Last data change, Unix milliseconds.</param>
/// <param name="Version">Number of data changes; pass it to SetData/Delete for optimistic concurrency.</param>
/// <param name="Cversion">Number of changes to the children.</param>
/// <param name="Aversion">Number of ACL changes.</param>
/// <param name="EphemeralOwner">Session id of the owner if ephemeral, otherwise 0.</param>
/// <param name="DataLength">Length of the data in bytes.</param>
/// <param name="NumChildren">Number of children.</param>
/// <param name="Pzxid">Transaction that last added or removed a child.</param>
public sealed record Stat(
    long Czxid, long Mzxid, long Ctime, long Mtime,
    int Version, int Cversion, int Aversion,
    long EphemeralOwner, int DataLength, int NumChildren, long Pzxid)
{
    public bool IsEphemeral => EphemeralOwner != 0;
    public DateTimeOffset Created => DateTimeOffset.FromUnixTimeMilliseconds(Ctime);
    public DateTimeOffset Modified => DateTimeOffset.FromUnixTimeMilliseconds(Mtime);

    internal static Stat Read(JuteReader r) => new(
        r.ReadLong(), r.ReadLong(), r.ReadLong(), r.ReadLong(),
        r.ReadInt(), r.ReadInt(), r.ReadInt(),
        r.ReadLong(), r.ReadInt(), r.ReadInt(), r.ReadLong());
}
