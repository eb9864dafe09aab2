namespace Course.Gateway.Backends;

/// <summary>Header and query names shared by the backends, the proxies and the clients that measure them.</summary>
public static class BackendHeaders
{
    /// <summary>Every backend response names its server here, so a client can tell which backend answered through any proxy.</summary>
    public const string ServedBy = "X-Served-By";

    /// <summary>A request may ask for extra latency: <c>?delay=250</c> (milliseconds, capped at <see cref="MaxDelay"/>).</summary>
    public const string DelayQuery = "delay";

    /// <summary>Identifies the client for hashing policies and per-client rate limits (falls back to the remote address).</summary>
    public const string ClientId = "X-Client-Id";

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
}
