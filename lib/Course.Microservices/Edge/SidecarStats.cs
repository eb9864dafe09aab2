namespace Course.Microservices.Edge;

/// <summary>What the sidecar did: attempts sent to the service, retries, calls refused by the open breaker, times it opened.</summary>
public sealed class SidecarStats
{
    /// <summary>Set on a response the sidecar made itself (circuit open, attempt timed out).</summary>
    public const string Header = "X-Sidecar-Refused";
    private long _attempts, _retries, _shortCircuited, _opened;

    public long Attempts => Interlocked.Read(ref _attempts);
    public long Retries => Interlocked.Read(ref _retries);
    public long ShortCircuits => Interlocked.Read(ref _shortCircuited);
    public long BreakerOpenings => Interlocked.Read(ref _opened);

    internal void Attempted() => Interlocked.Increment(ref _attempts);
    internal void Retried() => Interlocked.Increment(ref _retries);
    internal void ShortCircuited() => Interlocked.Increment(ref _shortCircuited);
    internal void Opened() => Interlocked.Increment(ref _opened);

    public override string ToString() => $"{Attempts} attempts, {Retries} retries, {ShortCircuits} refused by the open breaker, opened {BreakerOpenings}×";
}
