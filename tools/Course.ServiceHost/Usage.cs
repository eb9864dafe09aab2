using Course.Infrastructure;

/// <summary>Command line of the service host: which services, and how each one is printed.</summary>
internal static class Usage
{
    public static string Text =>
        $"""
        usage: dotnet run --project tools/Course.ServiceHost -- SERVICE [SERVICE ...]
          SERVICE is one of: {string.Join(", ", CourseServices.Names)}
        Starts each service (COURSE_<NAME>=host:port → Docker → local OS server → Kafka mock), prints its
        endpoint and how it was obtained, then waits; Ctrl+C, SIGTERM or the end of stdin stops them all.
        """;

    public static bool TryParse(string[] args, out IReadOnlyList<string> names, out string error)
    {
        names = [];
        error = "";
        if (args.Length == 0)
        {
            error = "name at least one service";
            return false;
        }
        var unknown = args.Where(a => !CourseServices.Names.Contains(a.ToLowerInvariant())).ToList();
        if (unknown.Count > 0)
        {
            error = $"unknown service{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}";
            return false;
        }
        names = args.Select(a => a.ToLowerInvariant()).Distinct().ToList();
        return true;
    }

    /// <summary>One line per service, e.g. "Redis      LocalProcess         127.0.0.1:40111        local redis-server ...".</summary>
    public static string Line(ServiceEndpoint endpoint) =>
        endpoint.IsAvailable
            ? $"{endpoint.Service,-10} {endpoint.Mode,-20} {endpoint.ConnectionString,-22} {endpoint.Description}"
            : $"{endpoint.Service,-10} {endpoint.Mode,-20} {"-",-22} {endpoint.Description}";
}
