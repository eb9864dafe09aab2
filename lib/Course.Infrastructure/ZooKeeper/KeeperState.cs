namespace Course.Infrastructure.ZooKeeper;

/// <summary>State of the session when an event was produced (Watcher.Event.KeeperState on the wire).</summary>
public enum KeeperState
{
    /// <summary>The TCP connection is gone; this client does not reconnect.</summary>
    Disconnected = 0,
    SyncConnected = 3,
    AuthFailed = 4,
    ConnectedReadOnly = 5,
    SaslAuthenticated = 6,
    Closed = 7,
    Expired = -112,
}
