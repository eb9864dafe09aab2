namespace Course.Infrastructure.Processes;

/// <summary>
/// Data directories are normally deleted by us or by the watchdog. If both were killed at once (e.g. a test
/// runner killing the whole process tree), the directory stays; the next start removes such leftovers.
/// Each directory records its owner (PID and start time, so a reused PID does not count as alive).
/// </summary>
internal static class StaleDirectories
{
    public const string Prefix = "course-";
    private const string OwnerFile = ".course-owner";
    private static int _swept;

    /// <summary>Marks <paramref name="directory"/> as belonging to this process.</summary>
    public static void Claim(string directory) =>
        File.WriteAllText(Path.Combine(directory, OwnerFile), Identity(Environment.ProcessId) ?? $"{Environment.ProcessId}");

    /// <summary>Once per process: deletes course directories in the temp folder whose owner is gone.</summary>
    public static void SweepOnce()
    {
        if (Interlocked.Exchange(ref _swept, 1) == 1) return;
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            {
                var owner = Path.Combine(directory, OwnerFile);
                if (!File.Exists(owner)) continue;   // not ours, or still being set up
                var recorded = File.ReadAllText(owner).Trim();
                var pid = int.TryParse(recorded.Split(' ')[0], out var p) ? p : 0;
                if (pid > 0 && Identity(pid) == recorded) continue;   // owner still alive
                try { Directory.Delete(directory, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    // "pid starttime" from /proc/PID/stat (field 22, clock ticks since boot); null when the process is gone.
    private static string? Identity(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"{pid} {fields[19]}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
