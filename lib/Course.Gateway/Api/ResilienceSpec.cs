namespace Course.Gateway.Api;

/// <summary>
/// Per-downstream protection with Polly: a <see cref="Timeout"/> per attempt (504 when it fires) inside a circuit breaker
/// that opens when at least <see cref="FailureRatio"/> of the calls in <see cref="SamplingDuration"/> failed (and there were
/// at least <see cref="MinimumThroughput"/>), answers 503 at once while open, and after <see cref="BreakDuration"/> lets one
/// trial call through (half-open): success closes it, failure opens it again (Nygard, <i>Release It!</i>, "Circuit Breaker").
/// </summary>
public sealed record ResilienceSpec
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public double FailureRatio { get; init; } = 0.5;
    public int MinimumThroughput { get; init; } = 4;
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        // Polly's own limits (it would throw later, at the first request, with a less helpful message).
        if (Timeout < TimeSpan.FromMilliseconds(10)) throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "the timeout must be at least 10 ms");
        if (!(FailureRatio > 0 && FailureRatio <= 1)) throw new ArgumentOutOfRangeException(nameof(FailureRatio), FailureRatio, "the failure ratio must be in (0, 1]");
        if (MinimumThroughput < 2) throw new ArgumentOutOfRangeException(nameof(MinimumThroughput), MinimumThroughput, "the minimum throughput must be at least 2 calls");
        if (SamplingDuration < TimeSpan.FromMilliseconds(500)) throw new ArgumentOutOfRangeException(nameof(SamplingDuration), SamplingDuration, "the sampling duration must be at least 0.5 s");
        if (BreakDuration < TimeSpan.FromMilliseconds(500)) throw new ArgumentOutOfRangeException(nameof(BreakDuration), BreakDuration, "the break duration must be at least 0.5 s");
    }
}
