using System.Diagnostics;

namespace Course.Observability.Tracing;

/// <summary>
/// Which service a span belongs to. In a real deployment each process has its own OpenTelemetry Resource
/// (<c>service.name</c>). When several services share one process (a notebook, a test), the course tags each span
/// instead: server spans are tagged by the host that handled the request, every other span inherits its parent's tag.
/// </summary>
public static class ServiceAttribution
{
    /// <summary>The span tag that names the service (the Resource attribute's name, reused as a tag).</summary>
    public const string Tag = "service.name";

    /// <summary>Spans with no service of their own and no parent that has one (e.g. a call made from a notebook cell).</summary>
    public const string Caller = "caller";

    public static string Of(Activity activity)
    {
        for (var a = activity; a is not null; a = a.Parent)
            if (a.GetTagItem(Tag) is string service) return service;
        return Caller;
    }

    /// <summary>Tags a span as the work of <paramref name="service"/> (and, through inheritance, its children).</summary>
    public static void Set(Activity? activity, string service) => activity?.SetTag(Tag, service);
}
