namespace Course.Infrastructure.ZooKeeper;

/// <summary>What happened to a watched node (Watcher.Event.EventType on the wire).</summary>
public enum EventType
{
    /// <summary>Not about a node: the session state changed (see <see cref="WatchedEvent.State"/>).</summary>
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}
