using Course.Infrastructure.Processes;

namespace Course.Infrastructure.Local;

/// <summary>
/// Starts a server from the OS packages as child processes on 127.0.0.1 with a temp data directory,
/// waits (bounded) until it answers, and hands back an endpoint whose disposal stops it and deletes the directory.
/// </summary>
internal static class LocalServer
{
    public const string Host = "127.0.0.1";
    private const int Attempts = 3;
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <paramref name="plan"/> picks fresh ports and writes config into the directory it is given; it is
    /// called again (new ports, new directory) when the last start lost a race for a port.
    /// </summary>
    public static async Task<ServiceEndpoint> StartAsync(
        string service, string directoryPrefix, Func<string, LaunchPlan> plan, CancellationToken cancellationToken)
    {
        string failure = "";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            StaleDirectories.SweepOnce();
            var directory = Directory.CreateTempSubdirectory($"{StaleDirectories.Prefix}{directoryPrefix}-").FullName;
            LaunchPlan launch;
            try
            {
                StaleDirectories.Claim(directory);
                launch = plan(directory);
            }
            catch { Directory.Delete(directory, recursive: true); throw; }
            var (endpoint, why, portClash) = await TryStartAsync(service, directory, launch, cancellationToken).ConfigureAwait(false);
            if (endpoint is not null) return endpoint;
            failure = why;
            if (!portClash) break;
        }
        return ServiceEndpoint.Unavailable(service, failure);
    }

    private static async Task<(ServiceEndpoint? Endpoint, string Failure, bool PortClash)> TryStartAsync(
        string service, string directory, LaunchPlan plan, CancellationToken cancellationToken)
    {
        var groups = new List<ChildProcessGroup>();
        try
        {
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                var step = plan.Steps[i];
                var isServer = i == plan.Steps.Count - 1;
                var environment = new Dictionary<string, string>(step.Environment ?? new Dictionary<string, string>())
                {
                    // Marks every process we start with its directory: easy to find in /proc when checking for leaks.
                    ["COURSE_SERVICE_DIR"] = directory,
                };
                var group = await ChildProcessGroup.StartAsync(step.Name, step.Command, directory,
                    Path.Combine(directory, step.Name + ".log"),
                    deleteOnStop: isServer ? directory : null,   // the server's watchdog removes the directory last
                    environment, step.StopGrace ?? DefaultGrace, cancellationToken).ConfigureAwait(false);
                groups.Add(group);

                var outcome = await Readiness.WaitAsync(group, step.IsReady, step.ReadyTimeout, cancellationToken).ConfigureAwait(false);
                if (outcome != Readiness.Outcome.Ready)
                {
                    var why = Readiness.Explain(group, outcome, step.ReadyTimeout);
                    await StopAllAsync(groups, directory).ConfigureAwait(false);
                    return (null, $"{service}: {why}", LooksLikePortClash(why));
                }
            }
        }
        catch
        {
            await StopAllAsync(groups, directory).ConfigureAwait(false);   // cancelled or failed: leave nothing behind
            throw;
        }

        var endpoint = new ServiceEndpoint(service, ServiceMode.LocalProcess, Host, plan.Port, plan.Description,
            () => new ValueTask(StopAllAsync(groups, directory)))
        {
            DataDirectory = directory,
            ConnectionString = plan.ConnectionString,
        };
        return (endpoint, "", false);
    }

    // The server first, then its helpers (e.g. epmd), then whatever is left of the directory.
    private static async Task StopAllAsync(List<ChildProcessGroup> groups, string directory)
    {
        for (var i = groups.Count - 1; i >= 0; i--) await groups[i].DisposeAsync().ConfigureAwait(false);
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static bool LooksLikePortClash(string log) =>
        log.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || log.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase);
}
