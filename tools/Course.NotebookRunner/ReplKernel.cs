using System.Diagnostics;

namespace Course.NotebookRunner;

/// <summary>Runs a notebook in a fresh dotnet-repl process (one kernel per notebook, so no state or
/// loaded assemblies leak between notebooks), with a timeout that kills the whole process tree.</summary>
public static class ReplKernel
{
    /// <summary>How long to wait for a child's pipes to close after it exited: a server the notebook
    /// started may hold them open, and that must not hang the runner.</summary>
    private static readonly TimeSpan PipeDrainGrace = TimeSpan.FromSeconds(5);

    /// <summary><c>dotnet tool restore</c> in the repository root: a fresh machine lacks dotnet-repl.</summary>
    public static async Task<KernelRun> RestoreToolsAsync(RepositoryLayout layout, TimeSpan timeout, CancellationToken cancellationToken) =>
        await RunProcessAsync(["tool", "restore"], layout.Root, timeout, cancellationToken);

    /// <summary>Executes <paramref name="notebookPath"/> with its folder as working directory (so the
    /// notebook's relative <c>#r</c> resolves) and writes the executed copy to <paramref name="outputPath"/>.</summary>
    public static async Task<KernelRun> RunNotebookAsync(
        string notebookPath, string outputPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        return await RunProcessAsync(
            ["tool", "run", "dotnet-repl", "--run", Path.GetFullPath(notebookPath), "--exit-after-run", "--output-path", Path.GetFullPath(outputPath)],
            folder, timeout, cancellationToken);
    }

    public static async Task<KernelRun> RunProcessAsync(
        IReadOnlyList<string> dotnetArguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in dotnetArguments)
            start.ArgumentList.Add(argument);
        PrepareEnvironment(start.Environment);

        var tail = new OutputTail();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {start.FileName}");
        // The kernel must never wait for a keyboard: CI has no stdin.
        process.StandardInput.Close();
        var stdout = PumpAsync(process.StandardOutput, "", tail);
        var stderr = PumpAsync(process.StandardError, "stderr: ", tail);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            try
            {
                // Reap it, so no zombie is left; Kill already ended it, so this is quick.
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                tail.Add("", "(the process did not end within 30 s of being killed)");
            }
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }
        stopwatch.Stop();

        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(PipeDrainGrace, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            tail.Add("", "(output still open after the process exited: a child process may still hold it)");
        }

        return new KernelRun(timedOut ? null : process.ExitCode, timedOut, stopwatch.Elapsed, tail.ToString());
    }

    /// <summary>Kills the process and every descendant (dotnet tool run → dotnet-repl → servers a cell started).</summary>
    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    /// <summary>The dotnet host that runs us (set by <c>dotnet run</c> / <c>dotnet test</c>), else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // Set by a parent `dotnet run`/`dotnet test`: they point a nested MSBuild at the parent's SDK
        // internals, which the kernel's own `#r "nuget:"` restores should not inherit.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            environment.Remove(name);
    }

    private static async Task PumpAsync(StreamReader reader, string prefix, OutputTail tail)
    {
        while (await reader.ReadLineAsync() is { } line)
            tail.Add(prefix, line);
    }
}
