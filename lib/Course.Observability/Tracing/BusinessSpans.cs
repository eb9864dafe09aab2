using System.Diagnostics;

namespace Course.Observability.Tracing;

/// <summary>
/// Custom spans for business steps ("reserve stock", "charge card"): the part of a trace that instrumentation
/// libraries cannot know about. One ActivitySource for the course's services; the telemetry set-up listens to it.
/// </summary>
public static class BusinessSpans
{
    public const string SourceName = "Course.Business";
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts an internal span named <paramref name="step"/> under the current span (null when nobody listens).</summary>
    public static Activity? Start(string step, params (string Key, object? Value)[] tags)
    {
        var activity = Source.StartActivity(step, ActivityKind.Internal);
        if (activity is not null)
            foreach (var (key, value) in tags) activity.SetTag(key, value);
        return activity;
    }

    /// <summary>
    /// Starts a new trace: a root span that ignores any span already current. Needed where the caller already runs inside
    /// someone else's activity — a notebook kernel runs every cell inside one of its own, unsampled, and a parent-based
    /// sampler would then drop everything below it. When this span ends, no span is current.
    /// </summary>
    public static Activity? StartRoot(string name, params (string Key, object? Value)[] tags)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = Start(name, tags);
        if (activity is null) Activity.Current = previous;   // not sampled: leave things as they were
        return activity;
    }

    /// <summary>Marks the span failed with the exception's message (the waterfall shows it red).</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }
}
