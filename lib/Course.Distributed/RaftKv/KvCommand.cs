using System.Text.Json;

namespace Course.Distributed.RaftKv;

/// <summary>A client operation as a Raft log command (JSON, so any key or value round-trips).</summary>
internal sealed record KvCommand(long ClientId, long Sequence, KvOp Op, string Key, string Value)
{
    public string Encode() => JsonSerializer.Serialize(this);
    public static KvCommand Decode(string command) =>
        JsonSerializer.Deserialize<KvCommand>(command) ?? throw new InvalidDataException($"Not a key/value command: {command}");
}
