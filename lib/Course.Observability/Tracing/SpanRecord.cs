using System.Diagnostics;

namespace Course.Observability.Tracing;

/// <summary>
/// One finished span, copied out of its <see cref="Activity"/> (Activities are pooled and mutable; a record is not).
/// The fields are the ones a trace viewer needs: identity and parentage (W3C trace context), who did the work
/// (<see cref="Service"/>), what (<see cref="Name"/>, <see cref="Kind"/>), when and how long, and how it ended.
/// </summary>
public sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Service,
    string Name,
    ActivityKind Kind,
    DateTimeOffset Start,
    TimeSpan Duration,
    ActivityStatusCode Status,
    string? StatusDescription,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Baggage)
{
    public DateTimeOffset End => Start + Duration;
    public bool IsRoot => ParentSpanId is null;
    public bool IsError => Status == ActivityStatusCode.Error;

    internal static SpanRecord From(Activity activity, string service)
    {
        var parent = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString();
        var tags = new Dictionary<string, string>();
        foreach (var (key, value) in activity.TagObjects)
            if (value is not null) tags[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var baggage = activity.Baggage.Where(b => b.Value is not null).ToDictionary(b => b.Key, b => b.Value!);
        return new SpanRecord(activity.TraceId.ToHexString(), activity.SpanId.ToHexString(), parent, service,
            activity.DisplayName, activity.Kind, new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero), activity.Duration,
            activity.Status, activity.StatusDescription, tags, baggage);
    }
}
