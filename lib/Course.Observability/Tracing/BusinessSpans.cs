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

    /// <summary>Marks the span failed with the exception's message (the waterfall shows it red).</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }
}
