using System.Runtime.CompilerServices;
using Course.Infrastructure.ZooKeeper;

namespace Course.Coordination;

/// <summary>
/// Reads one client's <see cref="ZooKeeperClient.Events"/> and wakes whoever waits on the event's path.
/// A client has a single event stream; every recipe on that client shares it through this dispatcher,
/// so do not read <c>Events</c> yourself on a client you give to a recipe.
/// </summary>
internal sealed class WatchDispatcher
{
    private static readonly ConditionalWeakTable<ZooKeeperClient, WatchDispatcher> ByClient = new();

    private readonly ZooKeeperClient _client;
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WatchDispatcher(ZooKeeperClient client)
    {
        _client = client;
        _ = Task.Run(PumpAsync);
    }

    public static WatchDispatcher For(ZooKeeperClient client) => ByClient.GetValue(client, c => new WatchDispatcher(c));

    /// <summary>Completes (with an exception) when the client's connection is lost or the client is closed.</summary>
    public Task SessionLost => _lost.Task;

    /// <summary>
    /// Registers interest in the next event on <paramref name="path"/>. Register BEFORE setting the watch, so a
    /// notification that arrives between the reply and the registration is not missed. Throws (in the task) if the client stops.
    /// </summary>
    public Task NextEventAsync(string path)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_lost.Task.IsCompleted) return _lost.Task;
            if (!_waiters.TryGetValue(path, out var list)) _waiters[path] = list = [];
            list.Add(waiter);
        }
        return Task.WhenAny(waiter.Task, _lost.Task).Unwrap();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var e in _client.Events.ReadAllAsync())
            {
                if (e.Path is null) continue; // session-state event; the stream ends right after a Disconnected one
                List<TaskCompletionSource>? woken;
                lock (_waiters)
                {
                    if (_waiters.Remove(e.Path, out woken) is false) woken = null;
                }
                foreach (var w in woken ?? []) w.TrySetResult();
            }
        }
        finally
        {
            lock (_waiters)
            {
                _lost.TrySetException(new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, null,
                    $"the client of session 0x{_client.SessionId:x} stopped; its watches will never fire"));
                _waiters.Clear();
            }
            _ = _lost.Task.Exception; // observed: nobody may be waiting
        }
    }
}
