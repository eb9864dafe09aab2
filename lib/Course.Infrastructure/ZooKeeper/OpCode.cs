namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// Request types on the wire (ZooDefs.OpCode in the Java server). Only the ones this client sends are listed.
/// </summary>
internal enum OpCode
{
    Create = 1,
    Delete = 2,
    Exists = 3,
    GetData = 4,
    SetData = 5,
    GetChildren = 8,
    Ping = 11,
    CloseSession = -11,
}

/// <summary>
/// Reserved transaction ids. Ordinary requests count up from 1; the server answers them in order.
/// </summary>
internal static class Xid
{
    /// <summary>A watch notification pushed by the server (not an answer to anything).</summary>
    public const int Notification = -1;

    /// <summary>Keep-alive ping and its answer; never queued with ordinary requests.</summary>
    public const int Ping = -2;
}
