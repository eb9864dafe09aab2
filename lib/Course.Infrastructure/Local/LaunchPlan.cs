namespace Course.Infrastructure.Local;

/// <summary>One process to start (in its own group) and how to tell it is ready.</summary>
internal sealed record ProcessStep(
    string Name,
    IReadOnlyList<string> Command,
    Func<CancellationToken, Task<bool>> IsReady,
    TimeSpan ReadyTimeout,
    IReadOnlyDictionary<string, string>? Environment = null,
    TimeSpan? StopGrace = null);

/// <summary>
/// Everything needed to start one local server in a fresh data directory: the processes in start order
/// (helpers first, the server last), the port clients use, and how to describe it.
/// </summary>
internal sealed record LaunchPlan(
    int Port,
    IReadOnlyList<ProcessStep> Steps,
    string Description,
    string? ConnectionString = null);
