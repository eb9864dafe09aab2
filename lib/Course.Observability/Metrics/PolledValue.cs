namespace Course.Observability.Metrics;

/// <summary>
/// A number that is expensive or asynchronous to read (a broker round trip, an offset query), refreshed in the background
/// every <c>interval</c>, so an observable gauge can report it without blocking a scrape. <see cref="Latest"/> is null
/// until the first read succeeds, and again once reads fail for longer than three intervals: a stale depth reported as
/// current is a silent wrong answer, a missing series is an honest one.
/// </summary>
public sealed class PolledValue : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<long>> _read;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Sample? _latest;   // a reference, published whole: a 24-byte struct could be read half-written

    public PolledValue(Func<CancellationToken, Task<long>> read, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _read = read;
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The most recent value, or null if there is none fresh enough.</summary>
    public long? Latest => Volatile.Read(ref _latest) is { } l && DateTime.UtcNow - l.At <= 3 * _interval ? l.Value : null;

    /// <summary>The last read's error, if it failed (shown by a notebook rather than swallowed).</summary>
    public Exception? LastError { get; private set; }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(_interval * 2);
                var value = await _read(timeout.Token).ConfigureAwait(false);
                LastError = null;   // before the value: whoever sees the fresh value never sees the stale error with it
                Volatile.Write(ref _latest, new Sample(value, DateTime.UtcNow));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception e) { LastError = e; }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed record Sample(long Value, DateTime At);
}
