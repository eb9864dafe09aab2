namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// A watch notification. A watch fires at most once: to hear about the next change, read again with watch: true.
/// The event says only what kind of change happened and where, not the new data.
/// </summary>
/// <param name="Type">What happened to the node (or <see cref="EventType.None"/> for a session-state change).</param>
/// <param name="State">Session state when the event was produced; SyncConnected for ordinary node events.</param>
/// <param name="Path">The watched node, or null for session-state events.</param>
public sealed record WatchedEvent(EventType Type, KeeperState State, string? Path)
{
    // WatcherEvent record: int type, int state, ustring path.
    internal static WatchedEvent Read(JuteReader reader) =>
        new((EventType)reader.ReadInt(), (KeeperState)reader.ReadInt(), reader.ReadString());

    public override string ToString() => Path is null ? $"{Type} ({State})" : $"{Type} {Path}";
}
