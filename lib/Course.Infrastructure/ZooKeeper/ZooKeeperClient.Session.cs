using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Course.Infrastructure.ZooKeeper;

// The wire side of the client: handshake, pipelined requests matched to replies, pings, notifications, shutdown.
public sealed partial class ZooKeeperClient
{
    // The server refuses records above jute.maxbuffer (1 MB by default); a far larger length means we lost framing.
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _password;
    private readonly TimeSpan _requestTimeout;
    private readonly Action<WatchedEvent>? _watcher;

    // Taken for the whole of "assign xid, queue, write": xids then go out, and are queued, in the same order.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Requests sent and not yet answered, oldest first. The server answers a session's requests in order,
    // so every reply belongs to the head of this queue. Also guards _terminal.
    private readonly Queue<PendingRequest> _pending = new();

    // Notifications go from the read loop to a dispatch loop, so a slow or blocking watcher never stalls replies.
    private readonly Channel<WatchedEvent> _dispatch = Channel.CreateUnbounded<WatchedEvent>(new() { SingleReader = true });
    private readonly Channel<WatchedEvent> _events = Channel.CreateUnbounded<WatchedEvent>();

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loops; // read and ping loops, awaited by CloseAsync
    private int _lastXid;
    private long _lastHeardAt = Environment.TickCount64;
    private int _closing;
    // Why this client stopped (ZooKeeperException for a lost connection, ClosedMarker after CloseAsync); null while usable.
    private Exception? _terminal;

    private static readonly Exception ClosedMarker = new ObjectDisposedException(nameof(ZooKeeperClient));

    private ZooKeeperClient(TcpClient tcp, string address, long sessionId, byte[] password, TimeSpan sessionTimeout,
        Action<WatchedEvent>? watcher, TimeSpan requestTimeout)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        Address = address;
        SessionId = sessionId;
        _password = password;
        SessionTimeout = sessionTimeout;
        _watcher = watcher;
        _requestTimeout = requestTimeout;
        _loops = Task.WhenAll(Task.Run(ReadLoopAsync), Task.Run(PingLoopAsync));
        // Not part of _loops: a watcher callback may close the client, and must not wait for its own loop to end.
        _ = Task.Run(DispatchLoopAsync);
    }

    /// <summary>
    /// Ends the session (closeSession request), so the server deletes its ephemeral nodes and watches now,
    /// not after the session timeout. Later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0 && IsConnected)
        {
            try
            {
                await RequestAsync(OpCode.CloseSession, null, null, CancellationToken.None);
            }
            catch (ZooKeeperException)
            {
                // Connection already gone: the server ends the session by itself after the timeout.
            }
        }
        Shutdown(ClosedMarker);
        await _loops;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    /// <summary>
    /// Drops the TCP connection without ending the session, as a crashed process would: the session (and its
    /// ephemeral nodes) lives on in the server until the session timeout passes, unless someone re-attaches with
    /// <see cref="SessionId"/> and <see cref="SessionPassword"/>. This client is unusable afterwards.
    /// </summary>
    public void Abort() =>
        Shutdown(new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, null,
            "this client dropped its connection (Abort); the session lives on in the server until it times out"));

    private static async Task<ZooKeeperClient> HandshakeAsync(string host, int port, TimeSpan sessionTimeout,
        long sessionId, byte[]? password, Action<WatchedEvent>? watcher, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        try
        {
            await tcp.ConnectAsync(host, port, timeout.Token);
            var stream = tcp.GetStream();

            // ConnectRequest: no request header, just the record.
            var w = new JuteWriter();
            w.WriteInt(0);                                  // protocolVersion
            w.WriteLong(0);                                 // lastZxidSeen: this client never reconnects, so it has seen nothing
            w.WriteInt((int)sessionTimeout.TotalMilliseconds);
            w.WriteLong(sessionId);                         // 0 = new session
            w.WriteBuffer(password ?? new byte[16]);        // 16 zero bytes for a new session
            w.WriteBool(false);                             // readOnly: we only talk to servers that accept writes
            await stream.WriteAsync(w.ToFrame(), timeout.Token);

            // ConnectResponse: protocolVersion, timeOut, sessionId, passwd (then readOnly, which we ignore).
            var r = new JuteReader(await ReadFrameAsync(stream, timeout.Token));
            r.ReadInt();
            var negotiatedMs = r.ReadInt();
            var grantedId = r.ReadLong();
            var grantedPassword = r.ReadBuffer();
            if (negotiatedMs <= 0) // the server's way of saying "this session no longer exists"
                throw new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, null,
                    $"session 0x{sessionId:x} has expired at {host}:{port}; its ephemeral nodes are gone. Connect a new session.");

            return new ZooKeeperClient(tcp, $"{host}:{port}", grantedId, grantedPassword,
                TimeSpan.FromMilliseconds(negotiatedMs), watcher, requestTimeout);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new TimeoutException($"no answer within {requestTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private async Task<JuteReader> RequestAsync(OpCode op, string? path, Action<JuteWriter>? writeBody, CancellationToken cancellationToken)
    {
        var (error, body) = await CallAsync(op, path, writeBody, cancellationToken);
        return error == ZooKeeperErrorCode.Ok ? body : throw new ZooKeeperException(error, path);
    }

    /// <summary>Sends one request and waits (bounded by the request timeout) for its reply header's error code and body.</summary>
    private async Task<(ZooKeeperErrorCode Error, JuteReader Body)> CallAsync(
        OpCode op, string? path, Action<JuteWriter>? writeBody, CancellationToken cancellationToken)
    {
        var request = new PendingRequest(path);
        var queued = false;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            request.Xid = _lastXid = _lastXid == int.MaxValue ? 1 : _lastXid + 1;
            var w = new JuteWriter();
            w.WriteInt(request.Xid); // RequestHeader: xid, type
            w.WriteInt((int)op);
            writeBody?.Invoke(w);

            lock (_pending)
            {
                queued = _terminal is null;
                if (queued) _pending.Enqueue(request);
            }
            if (!queued) throw StoppedError(path);
            // Never cancelled half-way: a partial frame would corrupt the stream for every other request.
            await _stream.WriteAsync(w.ToFrame(), CancellationToken.None);
        }
        catch (Exception e) when (queued)
        {
            Shutdown(Lost($"could not send to {Address}", e)); // fails this request too
        }
        finally
        {
            _writeLock.Release();
        }

        try
        {
            return await request.Completion.Task.WaitAsync(_requestTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The request stays queued: its late reply must still be matched (and ignored) to keep replies in step.
            throw new ZooKeeperException(ZooKeeperErrorCode.RequestTimeout, path,
                $"no reply from {Address} within {_requestTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var reader = new JuteReader(await ReadFrameAsync(_stream, _stop.Token));
                Volatile.Write(ref _lastHeardAt, Environment.TickCount64);
                var xid = reader.ReadInt(); // ReplyHeader: xid, zxid, err
                reader.ReadLong();
                var error = (ZooKeeperErrorCode)reader.ReadInt();
                switch (xid)
                {
                    case Xid.Notification:
                        _dispatch.Writer.TryWrite(WatchedEvent.Read(reader));
                        break;
                    case Xid.Ping:
                        break; // hearing it is the point (_lastHeardAt)
                    default:
                        CompleteOldest(xid, error, reader);
                        break;
                }
            }
        }
        catch (Exception e)
        {
            Shutdown(Volatile.Read(ref _closing) == 1 ? ClosedMarker
                : e is EndOfStreamException ? Lost($"{Address} closed the connection (server stopped, or the session expired)", null)
                : Lost($"connection to {Address} lost", e));
        }
    }

    private void CompleteOldest(int xid, ZooKeeperErrorCode error, JuteReader body)
    {
        PendingRequest request;
        lock (_pending)
        {
            if (!_pending.TryPeek(out request!) || request.Xid != xid)
                throw new InvalidDataException($"reply for xid {xid}, but the oldest request waiting is {(request is null ? "none" : request.Xid)}");
            _pending.Dequeue();
        }
        request.Completion.TrySetResult((error, body)); // no-op if the caller already timed out
    }

    private async Task PingLoopAsync()
    {
        // A ping every third of the timeout: the server sees traffic well before it would expire the session,
        // and we notice a dead server after two thirds of it with nothing heard.
        using var timer = new PeriodicTimer(SessionTimeout / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var silent = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastHeardAt));
                if (silent > SessionTimeout * 2 / 3)
                {
                    Shutdown(Lost($"{Address} has not answered for {silent.TotalSeconds:0.#} s", null));
                    return;
                }
                var w = new JuteWriter();
                w.WriteInt(Xid.Ping);
                w.WriteInt((int)OpCode.Ping);
                await _writeLock.WaitAsync(_stop.Token);
                try
                {
                    await _stream.WriteAsync(w.ToFrame(), CancellationToken.None);
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Shutdown(Lost($"could not ping {Address}", e));
        }
    }

    private async Task DispatchLoopAsync()
    {
        await foreach (var e in _dispatch.Reader.ReadAllAsync())
        {
            try
            {
                _watcher?.Invoke(e);
            }
            catch (Exception ex)
            {
                // A faulty callback must not stop the delivery of later events.
                Trace.TraceError($"ZooKeeper watcher threw on {e}: {ex}");
            }
            _events.Writer.TryWrite(e);
        }
        _events.Writer.TryComplete();
    }

    /// <summary>Stops the client once: fails every pending request, closes the socket, ends the event stream.</summary>
    private void Shutdown(Exception reason)
    {
        PendingRequest[] orphans;
        lock (_pending)
        {
            if (_terminal is not null) return;
            Volatile.Write(ref _terminal, reason);
            orphans = _pending.ToArray();
            _pending.Clear();
        }
        _stop.Cancel();
        _tcp.Dispose();
        foreach (var request in orphans)
            request.Completion.TrySetException(StoppedError(request.Path));
        if (reason is ZooKeeperException)
            _dispatch.Writer.TryWrite(new WatchedEvent(EventType.None, KeeperState.Disconnected, null));
        _dispatch.Writer.TryComplete();
    }

    private ZooKeeperException Lost(string detail, Exception? inner) =>
        new(ZooKeeperErrorCode.ConnectionLoss, null, $"{detail}; session 0x{SessionId:x} is unusable from this client", inner);

    /// <summary>A fresh exception, naming <paramref name="path"/>, for a request on a stopped client.</summary>
    private Exception StoppedError(string? path) => Volatile.Read(ref _terminal) is ZooKeeperException lost
        ? new ZooKeeperException(lost.Code, path, lost.Detail, lost.InnerException)
        : new ObjectDisposedException(nameof(ZooKeeperClient), "This ZooKeeper client has been closed; connect a new one.");

    private static async Task<byte[]> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 0 or > MaxFrameBytes)
            throw new InvalidDataException($"frame length {length} is not plausible; is this a ZooKeeper server?");
        var frame = new byte[length];
        await stream.ReadExactlyAsync(frame, cancellationToken);
        return frame;
    }

    private static string Reason(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode.ToString(),
        EndOfStreamException => "the server closed the connection during the handshake",
        _ => e.Message,
    };

    private sealed class PendingRequest(string? path)
    {
        public string? Path { get; } = path;
        public int Xid { get; set; }
        public TaskCompletionSource<(ZooKeeperErrorCode, JuteReader)> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
