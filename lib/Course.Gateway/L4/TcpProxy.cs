using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Course.LoadBalancing;

namespace Course.Gateway.L4;

/// <summary>A backend as an L4 proxy knows it: an id and a TCP endpoint — no paths, no hosts, no headers.</summary>
public sealed record TcpBackend(string Id, IPEndPoint EndPoint)
{
    public static TcpBackend Of(Backends.LoopbackBackend backend) =>
        new(backend.Name, new IPEndPoint(IPAddress.Parse(backend.Address.Host), backend.Address.Port));
}

/// <summary>
/// An L4 (TCP) load balancer written by hand: accept a connection, pick a backend with a Course.LoadBalancing policy,
/// connect, and copy bytes both ways until both sides are done. It balances <em>connections</em>: it never parses the
/// bytes, so it cannot route by path or header, retry a request, or spread the requests of one keep-alive connection —
/// exactly what an L7 proxy adds (and pays for in latency). "In flight" for the policy means open connections.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly IReadOnlyList<BackendState> _states;
    private readonly IReadOnlyDictionary<string, TcpBackend> _backends;
    private readonly Course.LoadBalancing.ILoadBalancingPolicy _policy;
    private readonly Lock _gate = new();
    private readonly Random _random = new(BalancingPolicies.CourseSeed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentDictionary<string, long> _accepted = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private TcpProxy(IReadOnlyList<TcpBackend> backends, Course.LoadBalancing.ILoadBalancingPolicy policy)
    {
        _states = BackendState.Pool(backends.Select(b => new BackendState(b.Id)));   // empty or duplicate pools fail here
        _backends = backends.ToDictionary(b => b.Id);
        _policy = policy;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(128);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Listens on 127.0.0.1 (a port the OS picks) and balances connections over <paramref name="backends"/>.</summary>
    public static TcpProxy Start(IEnumerable<TcpBackend> backends, Course.LoadBalancing.ILoadBalancingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(policy);
        return new TcpProxy(backends.ToArray(), policy);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The proxy as an HTTP base address (HTTP passes through untouched: the proxy never reads it).</summary>
    public Uri HttpAddress => new($"http://{EndPoint}/");

    public string PolicyName => _policy.Name;

    /// <summary>Connections handed to each backend so far.</summary>
    public IReadOnlyDictionary<string, long> Accepted => _accepted.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary();

    /// <summary>Connections open right now, per backend.</summary>
    public IReadOnlyDictionary<string, int> Open
    {
        get { lock (_gate) return _states.ToDictionary(s => s.Id, s => s.InFlight); }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var task = HandleAsync(client);
            _connections.TryAdd(task, 0);
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        using (client)
        {
            var (state, context) = Pick(client);
            using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var status = 200;
            try
            {
                await upstream.ConnectAsync(_backends[state.Id].EndPoint, _stop.Token).ConfigureAwait(false);
                _accepted.AddOrUpdate(state.Id, 1, (_, n) => n + 1);
                client.NoDelay = upstream.NoDelay = true;
                await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException) { status = 0; }
            finally
            {
                lock (_gate)
                {
                    var outcome = new RequestOutcome(_clock.Elapsed - context.Now, status);
                    state.RequestFinished(_clock.Elapsed, outcome);
                    _policy.OnRequestFinished(state, context, outcome);
                }
            }
        }
    }

    private (BackendState State, RequestContext Context) Pick(Socket client)
    {
        lock (_gate)
        {
            // The only thing an L4 proxy knows about the client is its address: that is the hashing key ("source" in HAProxy).
            var context = new RequestContext(_clock.Elapsed, _random, (client.RemoteEndPoint as IPEndPoint)?.Address.ToString());
            var state = _policy.Pick(_states, context) ?? throw new InvalidOperationException("the policy picked nothing from a non-empty pool");
            state.RequestStarted(context.Now);
            _policy.OnRequestStarted(state, context);
            return (state, context);
        }
    }

    /// <summary>Copies one direction until end of stream, then half-closes the other side (so the peer sees EOF, as with a direct connection).</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side reset or we are stopping: close both so the other pump ends too.
            from.Close();
            to.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _listener.Close();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
    }

    public override string ToString() => $"L4 proxy {EndPoint} ({_policy.Name}) → {string.Join(", ", _backends.Keys)}";
}
