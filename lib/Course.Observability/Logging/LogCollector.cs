using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Course.Observability.Logging;

/// <summary>
/// An in-memory structured log store shared by the services of one process (bounded, oldest dropped first).
/// Sampling as production systems do it: entries at or above <see cref="AlwaysKeepLevel"/> are always kept; below it,
/// only entries written inside a sampled trace are kept — so the logs you keep are the ones you can follow to a trace.
/// </summary>
public sealed class LogCollector
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private long _dropped, _sampledOut;

    public LogCollector(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }
    /// <summary>Lowest level written at all (default Information).</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Information;
    /// <summary>Category prefixes of the application's own loggers (default "Course."); they are written from <see cref="MinimumLevel"/>.</summary>
    public IReadOnlyList<string> ApplicationCategories { get; set; } = ["Course."];
    /// <summary>Lowest level written for every other category — ASP.NET, YARP, OpenIddict… (default Warning): their per-request chatter would bury the service's lines.</summary>
    public LogLevel FrameworkMinimumLevel { get; set; } = LogLevel.Warning;
    /// <summary>Entries at this level or above are kept even outside a sampled trace (default Warning).</summary>
    public LogLevel AlwaysKeepLevel { get; set; } = LogLevel.Warning;
    /// <summary>When true, entries below <see cref="AlwaysKeepLevel"/> are kept only inside a sampled (recorded) trace.</summary>
    public bool KeepOnlySampledTraces { get; set; }

    public long Dropped => Interlocked.Read(ref _dropped);
    public long SampledOut => Interlocked.Read(ref _sampledOut);
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>Every entry written while <paramref name="traceId"/> was current.</summary>
    public IReadOnlyList<LogEntry> ForTrace(string traceId) => Entries.Where(e => e.TraceId == traceId).ToList();

    public void Clear() => _entries.Clear();

    /// <summary>A logger provider that writes here on behalf of <paramref name="service"/>.</summary>
    public ILoggerProvider ProviderFor(string service) => new Provider(this, service);

    internal bool Wants(LogLevel level, string category) =>
        level != LogLevel.None && level >= MinimumLevel
        && (level >= FrameworkMinimumLevel || ApplicationCategories.Any(prefix => category.StartsWith(prefix, StringComparison.Ordinal)));

    internal void Write(LogEntry entry, bool insideSampledTrace)
    {
        if (KeepOnlySampledTraces && entry.Level < AlwaysKeepLevel && !insideSampledTrace)
        {
            Interlocked.Increment(ref _sampledOut);
            return;
        }
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _)) Interlocked.Increment(ref _dropped);
    }

    private sealed class Provider(LogCollector collector, string service) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(collector, service, categoryName);
        public void Dispose() { }
    }

    private sealed class CollectingLogger(LogCollector collector, string service, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => collector.Wants(logLevel, category);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var fields = new Dictionary<string, string>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs)
                    if (key != "{OriginalFormat}") fields[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var activity = Activity.Current;
            collector.Write(new LogEntry(DateTimeOffset.UtcNow, service, category, logLevel, formatter(state, exception),
                activity?.TraceId.ToHexString(), activity?.SpanId.ToHexString(), fields, exception?.ToString()),
                insideSampledTrace: activity?.Recorded == true);
        }
    }
}
