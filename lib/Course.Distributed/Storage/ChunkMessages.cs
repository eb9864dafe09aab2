using Course.Simulation;

namespace Course.Distributed.Storage;

/// <summary>
/// One packet of data pushed along the chain (GFS §3.2, step 3): the receiver buffers it and forwards it to
/// <paramref name="Forward"/>[0] at once, so the transfer is pipelined. When it has every packet it tells
/// <paramref name="Client"/>.
/// </summary>
public sealed record PushData(long DataId, NodeId Client, int Packet, int Packets, int TotalLength, byte[] Bytes, IReadOnlyList<NodeId> Forward) : DfsMessage
{
    public override int SizeInBytes => Header + 20 + Bytes.Length + 4 * Forward.Count;
    public override string ToString() => $"PushData(d{DataId & 0xFFFF:x4} packet {Packet + 1}/{Packets}, {Bytes.Length} B, then [{string.Join(",", Forward)}])";
}

/// <summary>A replica holds all of the pushed data (the client's signal to send the write, GFS §3.1 step 4).</summary>
public sealed record DataReceived(long DataId) : DfsMessage
{
    public override int SizeInBytes => Header + 8;
}

/// <summary>The write request to the primary: apply the pushed data <paramref name="DataId"/> at <paramref name="Offset"/>.</summary>
public sealed record WriteChunk(long RequestId, ChunkHandle Handle, long Version, long DataId, int Offset, int Length, IReadOnlyList<NodeId> Secondaries) : DfsMessage
{
    public override int SizeInBytes => Header + 36 + 4 * Secondaries.Count;
}

public sealed record WriteReply(long RequestId, ChunkStatus Status, IReadOnlyList<NodeId> Failed) : DfsMessage
{
    public override int SizeInBytes => Header + 12 + 4 * Failed.Count;
}

/// <summary>
/// Primary → secondary (GFS §3.1 step 5): apply a mutation in the order of <paramref name="Serial"/>, the serial
/// number the primary assigned under its lease at <paramref name="Version"/>. The secondary refuses it after
/// <paramref name="LeaseExpiry"/>, so once the lease has run out no replica changes — the master may then clone.
/// </summary>
public sealed record ApplyMutation(ChunkHandle Handle, long Version, long Serial, long DataId, int Offset, int Length, TimeSpan LeaseExpiry) : DfsMessage
{
    public override int SizeInBytes => Header + 48;
}

public sealed record MutationApplied(ChunkHandle Handle, long Version, long Serial, ChunkStatus Status) : DfsMessage
{
    public override int SizeInBytes => Header + 28;
}

/// <summary>Read a byte range of one chunk, at the version the master named (the server refuses any other, GFS §4.5).</summary>
public sealed record ReadChunk(long RequestId, ChunkHandle Handle, long Version, int Offset, int Length) : DfsMessage
{
    public override int SizeInBytes => Header + 32;
}

public sealed record ReadReply(long RequestId, ChunkStatus Status, byte[] Data) : DfsMessage
{
    public override int SizeInBytes => Header + 12 + Data.Length;
    public override string ToString() => $"ReadReply(r{RequestId & 0xFFFF:x4}, {Status}, {Data.Length} B)";
}
