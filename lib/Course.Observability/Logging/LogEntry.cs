using Microsoft.Extensions.Logging;

namespace Course.Observability.Logging;

/// <summary>
/// One structured log entry: the rendered message, its template's named values, and the trace and span that were
/// current when it was written — the link from a log line to its trace.
/// </summary>
public sealed record LogEntry(
    DateTimeOffset Timestamp,
    string Service,
    string Category,
    LogLevel Level,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Fields,
    string? Exception);
