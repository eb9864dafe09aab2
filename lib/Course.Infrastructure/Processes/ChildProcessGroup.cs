using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Course.Infrastructure.Processes;

/// <summary>
/// One server started in its own process group under a small bash watchdog (watchdog.sh).
/// The group is stopped on <see cref="DisposeAsync"/>, on process exit, and — because the watchdog sees
/// its stdin close or our PID vanish — even when this process is killed with SIGKILL.
/// Stopping is SIGTERM to the group, a grace period, then SIGKILL; the data directory is then deleted.
/// </summary>
internal sealed class ChildProcessGroup : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ChildProcessGroup, byte> Live = new();
    private static readonly Lazy<string> WatchdogScript = new(LoadWatchdogScript);
    private static int _exitHookInstalled;

    private readonly Process _watchdog;
    private readonly TimeSpan _grace;
    private readonly string? _deleteOnStop;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private ChildProcessGroup(string name, Process watchdog, int groupId, string logFile, string? deleteOnStop, TimeSpan grace)
    {
        Name = name;
        _watchdog = watchdog;
        GroupId = groupId;
        LogFile = logFile;
        _deleteOnStop = deleteOnStop;
        _grace = grace;
    }

    /// <summary>A short name for messages, e.g. "redis-server".</summary>
    public string Name { get; }

    /// <summary>The server's PID, which is also its process-group and session id (it was started by setsid).</summary>
    public int GroupId { get; }

    /// <summary>Where the server's stdout and stderr go.</summary>
    public string LogFile { get; }

    /// <summary>True once the server process (the group leader) is gone; its log stays until the group is disposed.</summary>
    public bool ServerExited => _watchdog.HasExited || Posix.Kill(GroupId, 0) != 0;

    /// <summary>
    /// Starts <paramref name="command"/> (program and arguments, no shell) in <paramref name="workingDirectory"/>,
    /// with <paramref name="environment"/> added to ours. <paramref name="deleteOnStop"/> is removed after the group is gone.
    /// </summary>
    public static async Task<ChildProcessGroup> StartAsync(
        string name,
        IReadOnlyList<string> command,
        string workingDirectory,
        string logFile,
        string? deleteOnStop,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan grace,
        CancellationToken cancellationToken)
    {
        InstallExitHook();
        var bash = Executables.Find("bash") ?? throw new InvalidOperationException("bash not found; it runs the watchdog that stops servers");
        var setsid = Executables.Find("setsid") ?? throw new InvalidOperationException("setsid not found (package util-linux)");

        var start = new ProcessStartInfo(bash)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,   // closing it (or our death) tells the watchdog to stop the group
            RedirectStandardOutput = true,  // the watchdog prints the group id, then nothing
            RedirectStandardError = false,  // the watchdog sends its own stderr to the log
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "-c", WatchdogScript.Value, "course-watchdog", Environment.ProcessId.ToString(),
                     deleteOnStop ?? "", logFile, ((int)Math.Ceiling(grace.TotalSeconds)).ToString(), setsid })
            start.ArgumentList.Add(argument);
        foreach (var argument in command) start.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;

        var watchdog = Process.Start(start) ?? throw new InvalidOperationException($"could not start the watchdog for {name}");
        int groupId;
        try
        {
            // Bounded: the watchdog prints the id right after the fork.
            var line = await watchdog.StandardOutput.ReadLineAsync(cancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (!int.TryParse(line, out groupId))
                throw new InvalidOperationException($"the watchdog for {name} did not report a process id (got '{line}'); log: {logFile}");
        }
        catch
        {
            try { watchdog.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            watchdog.Dispose();
            throw;
        }

        var group = new ChildProcessGroup(name, watchdog, groupId, logFile, deleteOnStop, grace);
        Live.TryAdd(group, 0);
        return group;
    }

    /// <summary>The last lines of the server's log, for error messages.</summary>
    public string LogTail(int lines = 25)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException) { return "(no log)"; }
        catch (UnauthorizedAccessException) { return "(log not readable)"; }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }
        try
        {
            RequestStop();
            using var bound = new CancellationTokenSource(_grace + TimeSpan.FromSeconds(5));
            try { await _watchdog.WaitForExitAsync(bound.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { ForceKill(); }
            DeleteDirectory();
        }
        finally
        {
            Live.TryRemove(this, out _);
            _watchdog.Dispose();
            _stopped.TrySetResult();
        }
    }

    private void RequestStop()
    {
        try
        {
            _watchdog.StandardInput.WriteLine("stop");
            _watchdog.StandardInput.Close();
        }
        catch (IOException) { }                 // the watchdog is already gone
        catch (ObjectDisposedException) { }
        catch (InvalidOperationException) { }
    }

    // Last resort when the watchdog did not finish in time: SIGKILL the group and the watchdog ourselves.
    private void ForceKill()
    {
        _ = Posix.Kill(-GroupId, Posix.SigKill);
        try { _watchdog.Kill(); } catch (InvalidOperationException) { }
        _watchdog.WaitForExit(2000);
    }

    private void DeleteDirectory()
    {
        if (_deleteOnStop is null || !Directory.Exists(_deleteOnStop)) return;
        try { Directory.Delete(_deleteOnStop, recursive: true); }
        catch (IOException) { }                 // best effort: the watchdog normally removed it already
        catch (UnauthorizedAccessException) { }
    }

    private static void InstallExitHook()
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllNow(TimeSpan.FromSeconds(10));
    }

    // On exit there is no time for async work: ask every watchdog to stop, then wait a bounded time for all.
    private static void StopAllNow(TimeSpan bound)
    {
        var groups = Live.Keys.ToArray();
        foreach (var group in groups) group.RequestStop();
        var deadline = Stopwatch.StartNew();
        foreach (var group in groups)
        {
            var left = bound - deadline.Elapsed;
            try
            {
                if (left <= TimeSpan.Zero || !group._watchdog.WaitForExit(left)) group.ForceKill();
                group.DeleteDirectory();
            }
            catch (InvalidOperationException) { }
        }
    }

    private static string LoadWatchdogScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Course.Infrastructure.watchdog.sh")
            ?? throw new InvalidOperationException("embedded watchdog.sh is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static class Posix
    {
        public const int SigKill = 9;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
