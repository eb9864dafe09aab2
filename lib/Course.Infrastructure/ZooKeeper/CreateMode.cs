namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// How a node lives and is named. The values are the "flags" field of CreateRequest:
/// bit 0 = ephemeral (deleted when the creating session ends), bit 1 = sequential
/// (the server appends a 10-digit, monotonically increasing counter of the parent).
/// </summary>
public enum CreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    PersistentSequential = 2,
    EphemeralSequential = 3,
}
