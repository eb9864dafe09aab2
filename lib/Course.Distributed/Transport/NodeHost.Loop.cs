using System.Collections.Concurrent;
using Course.Simulation;

namespace Course.Distributed.Transport;

public sealed partial class NodeHost<TMessage>
{
    private readonly BlockingCollection<Work> _inbox;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _loopExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One item for the node's thread: a message from a peer, or a caller's <see cref="Invocation"/>.</summary>
    private readonly record struct Work(NodeId From, TMessage? Message, Invocation? Call);

    /// <summary>
    /// Runs <paramref name="action"/> on the node's thread, between messages and ticks, and returns its result:
    /// the only safe way to read or drive the node (e.g. <c>Propose</c>) from outside.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var call = new Invocation<T>(action);
        if (!TryPost(new Work(default, default, call))) call.Abandon(Id);
        return call.Task;
    }

    private bool TryPost(in Work work)
    {
        if (_stopping.IsCancellationRequested) return false;
        try { return _inbox.TryAdd(work); }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException) { return false; } // the host is stopping
    }

    /// <summary>
    /// The node's single thread: boot, then forever take the next message or call, and run <c>Tick</c> whenever
    /// its deadline passes. Ticks missed during a long stall are skipped, not replayed in a burst.
    /// </summary>
    private void RunLoop()
    {
        NodeHostDiagnostics.ThreadStarted();
        var context = new HostContext(this);
        try
        {
            _node.Start(context);
            var interval = _options.TickInterval;
            var ticking = interval > TimeSpan.Zero;
            // A random phase, so the nodes' clocks are not in lockstep (they never are).
            var nextTick = ticking ? _events.Elapsed + interval * context.Random.NextDouble() : TimeSpan.MaxValue;
            while (!_stopping.IsCancellationRequested)
            {
                var now = _events.Elapsed;
                if (ticking && now >= nextTick)
                {
                    _node.Tick();
                    nextTick += interval;
                    if (nextTick <= now) nextTick = now + interval;
                    continue;
                }
                var wait = ticking ? (int)Math.Ceiling((nextTick - now).TotalMilliseconds) : Timeout.Infinite;
                if (_inbox.TryTake(out var work, wait, _stopping.Token)) Execute(work);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        catch (Exception e)
        {
            // The node's own code threw: that is a crash of this node, not of the process hosting it.
            Fault = e;
            _events.Record(Id, "host", $"fault: {e.GetType().Name}: {e.Message}");
            _ = StopAsync();
        }
        finally
        {
            context.Detach();
            while (_inbox.TryTake(out var left)) left.Call?.Abandon(Id);
            NodeHostDiagnostics.ThreadEnded();
            _loopExited.TrySetResult();
        }
    }

    private void Execute(in Work work)
    {
        if (work.Call is { } call) call.Run();
        else _node.Receive(work.From, work.Message!);
    }

    /// <summary>Called on the node's thread by <see cref="HostContext.Send"/>.</summary>
    private void SendFromNode(NodeId to, TMessage message)
    {
        if (to == Id)
        {
            if (!TryPost(new Work(Id, message, null))) Stats.OnDropped();
            return;
        }
        if (!_links.TryGetValue(to, out var link))
            throw new ArgumentException($"{to} is not a peer of {Id}.", nameof(to));
        link.Enqueue(_codec.Encode(message), message.GetType().Name);
    }

    /// <summary>The node's window on the world; detached once the node is dead, so a stale reference can do nothing.</summary>
    private sealed class HostContext(NodeHost<TMessage> host) : INodeContext<TMessage>
    {
        private volatile bool _detached;

        public NodeId Self => host.Id;
        public IReadOnlyList<NodeId> Peers => host.Peers;
        public TimeSpan Now => host._events.Elapsed;
        public TimeSpan TickInterval => host._options.TickInterval;
        public Random Random { get; } = host._options.Seed is { } seed ? new Random(seed) : new Random();
        public IDurableStorage Storage => host.Storage;

        public void Send(NodeId to, TMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (!_detached) host.SendFromNode(to, message);
        }

        public void Note(string category, string detail)
        {
            if (!_detached) host._events.Record(host.Id, category, detail);
        }

        public void Detach() => _detached = true;
    }
}
