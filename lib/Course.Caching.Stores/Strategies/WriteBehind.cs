namespace Course.Caching.Stores.Strategies;

/// <summary>
/// Write-behind (write-back): a write updates the cache and a dirty buffer in this process, and returns; the
/// buffer reaches the database later, in batches (one transaction each) — when <see cref="WriteBehindOptions.BatchSize"/>
/// keys are dirty, every <see cref="WriteBehindOptions.FlushInterval"/>, on <see cref="FlushAsync"/>, and on a normal
/// <see cref="DisposeAsync"/>. Repeated writes to one key coalesce into one row write. Fast writes, fewer queries —
/// and the buffer is memory: when the process dies, every unflushed write is gone (<see cref="Crash"/> shows how many).
/// </summary>
public sealed class WriteBehind : ICacheStrategy
{
    private readonly RedisCache _cache;
    private readonly SqliteStore _database;
    private readonly TtlJitter _ttl;
    private readonly WriteBehindOptions _options;
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _timer;
    private Dictionary<string, string> _dirty = new(StringComparer.Ordinal);
    private long _bufferedWrites;
    private long _flushedRows;
    private long _flushes;
    private int _stopped;

    public WriteBehind(RedisCache cache, SqliteStore database, TtlJitter ttl, WriteBehindOptions? options = null)
    {
        _cache = cache;
        _database = database;
        _ttl = ttl;
        _options = options ?? new WriteBehindOptions();
        _timer = _options.FlushInterval is { } interval ? Task.Run(() => FlushPeriodicallyAsync(interval)) : Task.CompletedTask;
    }

    public string Name => "write-behind";

    /// <summary>Keys written but not yet in the database.</summary>
    public int DirtyCount { get { lock (_sync) return _dirty.Count; } }

    /// <summary>Writes accepted (each one returned to its caller as done).</summary>
    public long BufferedWrites => Interlocked.Read(ref _bufferedWrites);

    /// <summary>Rows written to the database by flushes, and how many flushes (transactions) that took.</summary>
    public long FlushedRows => Interlocked.Read(ref _flushedRows);
    public long Flushes => Interlocked.Read(ref _flushes);

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        // The buffer is the newest truth: if the cached copy expired before the flush, the database is still old.
        lock (_sync)
            if (_dirty.TryGetValue(key, out var pending)) return pending;
        return await CacheLoads.ReadAsync(_cache, _database, _ttl, key, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ObjectDisposedException.ThrowIf(_stopped != 0, this);
        await _cache.SetAsync(key, value, _ttl.Next()).ConfigureAwait(false);
        bool full;
        lock (_sync)
        {
            _dirty[key] = value;
            full = _dirty.Count >= _options.BatchSize;
        }
        Interlocked.Increment(ref _bufferedWrites);
        if (full) await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every dirty key to the database in one transaction; returns how many rows it wrote.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<string, string> batch;
            lock (_sync)
            {
                if (_dirty.Count == 0) return 0;
                batch = _dirty;
                _dirty = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            try
            {
                await _database.PutManyAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Not written: put the batch back under any newer writes, so nothing is lost by a failed flush.
                lock (_sync)
                    foreach (var (key, value) in batch) _dirty.TryAdd(key, value);
                throw;
            }
            Interlocked.Add(ref _flushedRows, batch.Count);
            Interlocked.Increment(ref _flushes);
            return batch.Count;
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// The process dies: the buffer is gone without a flush. Returns the writes lost — acknowledged to their callers,
    /// in the cache for now (until the TTL), never in the database. The strategy is unusable afterwards.
    /// </summary>
    public WriteBehindCrash Crash()
    {
        Stop();
        lock (_sync)
        {
            var lost = new SortedDictionary<string, string>(_dirty, StringComparer.Ordinal);
            _dirty = new Dictionary<string, string>(StringComparer.Ordinal);
            return new WriteBehindCrash(lost, BufferedWrites, FlushedRows);
        }
    }

    /// <summary>A normal shutdown flushes everything that is dirty.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Stop()) return;
        await _timer.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    private bool Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return false;
        _stopping.Cancel();
        return true;
    }

    private async Task FlushPeriodicallyAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                await FlushAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}

/// <summary>What a crash of a write-behind process cost: the writes that never reached the database.</summary>
public sealed record WriteBehindCrash(IReadOnlyDictionary<string, string> Lost, long AcceptedWrites, long FlushedRows)
{
    public int LostCount => Lost.Count;
    public override string ToString() => $"crash: {AcceptedWrites} writes accepted, {FlushedRows} rows flushed, {LostCount} keys lost: {string.Join(", ", Lost.Keys)}";
}

/// <summary>When write-behind flushes.</summary>
public sealed record WriteBehindOptions
{
    private readonly int _batchSize = 100;
    private readonly TimeSpan? _flushInterval;

    /// <summary>Flush as soon as this many distinct keys are dirty (≥ 1).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize must be at least 1.");
    }

    /// <summary>Also flush on this period (null: only by batch size, explicit flush and dispose).</summary>
    public TimeSpan? FlushInterval
    {
        get => _flushInterval;
        init => _flushInterval = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FlushInterval), value, "FlushInterval must be positive (or null for none).");
    }
}
