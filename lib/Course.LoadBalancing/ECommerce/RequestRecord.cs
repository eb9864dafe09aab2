namespace Course.LoadBalancing.ECommerce;

/// <summary>One request as the front end saw it: <see cref="Id"/> is its arrival number; <see cref="Server"/> is null when no backend was eligible.</summary>
public sealed record RequestRecord(long Id, TimeSpan At, string Tier, string? Server, double LatencyMs, int Status)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>One server's share of the run: requests sent to it, its errors, and its busy fraction (busy worker-time / (workers × duration)).</summary>
public sealed record ServerUsage(string Tier, string Server, long Requests, long Errors, double Utilisation);
