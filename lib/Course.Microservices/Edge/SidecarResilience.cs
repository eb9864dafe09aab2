namespace Course.Microservices.Edge;

/// <summary>The sidecar's policy (Istio's VirtualService retries/timeout and DestinationRule outlier detection, in spirit), checked when built.</summary>
public sealed record SidecarResilience
{
    private readonly int _maxRetries = 3;
    private readonly TimeSpan _retryDelay = TimeSpan.FromMilliseconds(20);
    private readonly TimeSpan _attemptTimeout = TimeSpan.FromSeconds(2);
    private readonly double _failureRatio = 0.5;
    private readonly int _minimumThroughput = 6;
    private readonly TimeSpan _sampling = TimeSpan.FromSeconds(10);
    private readonly TimeSpan _break = TimeSpan.FromSeconds(5);

    public int MaxRetries { get => _maxRetries; init => _maxRetries = value is >= 1 and <= 10 ? value : throw Bad(nameof(MaxRetries), value, "must be 1-10"); }
    public TimeSpan RetryDelay { get => _retryDelay; init => _retryDelay = value > TimeSpan.Zero ? value : throw Bad(nameof(RetryDelay), value, "must be positive"); }

    /// <summary>Per attempt; Polly accepts 10 ms to 24 h.</summary>
    public TimeSpan AttemptTimeout
    {
        get => _attemptTimeout;
        init => _attemptTimeout = value >= TimeSpan.FromMilliseconds(10) && value <= TimeSpan.FromHours(24) ? value : throw Bad(nameof(AttemptTimeout), value, "must be between 10 ms and 24 h");
    }

    public double BreakerFailureRatio { get => _failureRatio; init => _failureRatio = value is > 0 and <= 1 ? value : throw Bad(nameof(BreakerFailureRatio), value, "must be in (0, 1]"); }
    public int BreakerMinimumThroughput { get => _minimumThroughput; init => _minimumThroughput = value >= 2 ? value : throw Bad(nameof(BreakerMinimumThroughput), value, "must be at least 2"); }
    public TimeSpan BreakerSamplingDuration { get => _sampling; init => _sampling = value >= TimeSpan.FromMilliseconds(500) ? value : throw Bad(nameof(BreakerSamplingDuration), value, "must be at least 500 ms"); }
    public TimeSpan BreakDuration { get => _break; init => _break = value >= TimeSpan.FromMilliseconds(500) ? value : throw Bad(nameof(BreakDuration), value, "must be at least 500 ms"); }

    private static ArgumentOutOfRangeException Bad(string name, object value, string rule) => new(name, value, $"{name} {rule}.");
}
