namespace Course.LoadBalancing;

/// <summary>
/// What a policy may know about one request: the time (virtual in the simulator, elapsed wall clock in a proxy),
/// a seeded <see cref="System.Random"/> for the randomised policies (so a run replays from its seed), and an
/// optional key for affinity and hashing (a user id, a session cookie, a client address).
/// </summary>
public readonly record struct RequestContext(TimeSpan Now, Random Random, string? Key = null);

/// <summary>How a request ended, as a policy or an outlier detector sees it.</summary>
/// <param name="Latency">Time from send to the last byte of the response (or to the failure).</param>
/// <param name="StatusCode">An HTTP-like status: 5xx and 0 (connection failure, timeout) count as errors.</param>
public readonly record struct RequestOutcome(TimeSpan Latency, int StatusCode)
{
    public bool IsServerError => StatusCode is 0 or >= 500;

    public static RequestOutcome Ok(TimeSpan latency) => new(latency, 200);
    public static RequestOutcome Failed(TimeSpan latency, int statusCode = 503) => new(latency, statusCode);
}
