using System.Text.RegularExpressions;

namespace Course.Infrastructure.Tests.Support;

/// <summary>One process as /proc shows it.</summary>
internal sealed record ProcessInfo(int Pid, char State, IReadOnlyList<string> Arguments, string Environment)
{
    public string CommandLine { get; } = string.Join(' ', Arguments);

    public override string ToString() => $"{Pid} [{State}] {CommandLine}";
}

/// <summary>
/// Reads /proc to prove that nothing we started is left behind. Zombies (state Z) count as gone: they hold
/// no resources, and this machine's PID 1 does not reap orphans.
/// </summary>
internal static class ProcessTable
{
    public static IReadOnlyList<ProcessInfo> Find(Func<ProcessInfo, bool> predicate) =>
        Snapshot().Where(p => p.State != 'Z' && p.Pid != System.Environment.ProcessId && predicate(p)).ToList();

    /// <summary>Waits (bounded) until no live process matches; returns those still matching at the deadline.</summary>
    public static async Task<IReadOnlyList<ProcessInfo>> WaitUntilNoneAsync(Func<ProcessInfo, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Find(predicate);
            if (left.Count == 0 || DateTime.UtcNow > deadline) return left;
            await Task.Delay(100);
        }
    }

    /// <summary>Anything started for a local-process endpoint: its directory in the command line or the marker variable, or its port.</summary>
    public static Func<ProcessInfo, bool> StartedFor(string dataDirectory, int port) => p =>
        p.CommandLine.Contains(dataDirectory, StringComparison.Ordinal)
        || p.Environment.Contains($"COURSE_SERVICE_DIR={dataDirectory}", StringComparison.Ordinal)
        || Regex.IsMatch(p.CommandLine, $@"(127\.0\.0\.1:|--port ){port}(\D|$)");

    private static IEnumerable<ProcessInfo> Snapshot()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            ProcessInfo? info;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..][0];   // "pid (comm) S ..." — comm may contain spaces
                var arguments = Read(directory, "cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                info = new ProcessInfo(pid, state, arguments, Read(directory, "environ").Replace('\0', '\n'));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                info = null;   // the process ended while we looked, or is not ours to read
            }
            if (info is not null) yield return info;
        }
    }

    private static string Read(string directory, string file)
    {
        try { return File.ReadAllText(Path.Combine(directory, file)); }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
