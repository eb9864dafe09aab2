using System.Diagnostics;
using System.Globalization;

namespace Course.NotebookRunner;

/// <summary>The course's main job: run every notebook in a fresh kernel, report, and render the site.</summary>
public static class NotebookRunner
{
    public const string DefaultCourseTitle = "Course notebooks";

    /// <summary>Discovers (throws <see cref="RunnerUsageException"/> on bad paths, before anything runs),
    /// restores the local tools, executes each notebook, prints the summary, writes executed/ and site/.</summary>
    public static async Task<RunReport> RunAsync(RunnerOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var layout = RepositoryLayout.Find(options.WorkingDirectory);
        var notebooks = NotebookDiscovery.Discover(layout, options.Paths, options.WorkingDirectory);
        var outputRoot = options.OutputDirectory is null
            ? layout.ArtifactsDirectory
            : Path.GetFullPath(Path.Combine(options.WorkingDirectory, options.OutputDirectory));
        var executedDirectory = Path.Combine(outputRoot, "executed");
        var siteDirectory = Path.Combine(outputRoot, "site");

        var stopwatch = Stopwatch.StartNew();
        if (options.RestoreTools)
            await RestoreToolsAsync(layout, log, cancellationToken);

        var seconds = options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        log.WriteLine($"Running {notebooks.Count} notebook{(notebooks.Count == 1 ? "" : "s")} from {layout.Root} (timeout {seconds} s each)");
        if (!File.Exists(layout.CourseLibraryPath))
            log.WriteLine($"warning: {layout.RelativePath(layout.CourseLibraryPath)} is missing: build lib/Course.Notebooks first (dotnet run does)");

        var progress = new ProgressReporter(log, notebooks.Count);
        var results = new List<NotebookResult>();
        for (var i = 0; i < notebooks.Count; i++)
        {
            progress.Starting(i + 1, notebooks[i]);
            var result = await RunOneAsync(notebooks[i], executedDirectory, options, progress, i + 1, cancellationToken);
            progress.Finished(i + 1, result);
            results.Add(result);
        }
        stopwatch.Stop();

        log.WriteLine();
        log.Write(SummaryTable.Render(results, stopwatch.Elapsed));

        var site = new SiteRenderer(siteDirectory, CourseTitle(layout)).Render(results, stopwatch.Elapsed);
        log.WriteLine($"Executed notebooks: {executedDirectory}");
        log.WriteLine($"Site: {site.IndexPath}");
        if (site.PlotlyScriptPath is null)
            log.WriteLine("note: " + SiteRenderer.NoPlotlyMessage);
        log.Flush();
        return new RunReport(results, stopwatch.Elapsed, site);
    }

    /// <summary>Runs one notebook and turns the kernel's exit and output notebook into a result.</summary>
    public static async Task<NotebookResult> RunOneAsync(
        NotebookFile notebook, string executedDirectory, RunnerOptions options, ProgressReporter progress, int index,
        CancellationToken cancellationToken)
    {
        var executedPath = Path.Combine(executedDirectory, notebook.OutputName + NotebookDiscovery.Extension);
        Directory.CreateDirectory(Path.GetDirectoryName(executedPath)!);
        // A stale copy from an earlier run would be read as this run's result.
        File.Delete(executedPath);

        var started = Stopwatch.StartNew();
        var kernel = ReplKernel.RunNotebookAsync(notebook.FullPath, executedPath, options.Timeout, cancellationToken);
        while (await Task.WhenAny(kernel, Task.Delay(options.HeartbeatInterval, cancellationToken)) != kernel)
        {
            // Cancelled: the kernel task kills the process tree, then throws; wait for that, or the
            // runner could exit first and leave the kernel orphaned.
            if (cancellationToken.IsCancellationRequested)
                break;
            progress.StillRunning(index, started.Elapsed);
        }
        var run = await kernel;
        return Interpret(notebook, run, executedPath, options.Timeout);
    }

    public static NotebookResult Interpret(NotebookFile notebook, KernelRun run, string executedPath, TimeSpan timeout)
    {
        ExecutedNotebook? executed = null;
        string? unreadable = null;
        if (!run.TimedOut && File.Exists(executedPath))
        {
            try
            {
                executed = ExecutedNotebook.Load(executedPath);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                unreadable = $"the executed notebook could not be read: {e.Message}";
            }
        }
        var cellCount = executed?.CellCount ?? CountCells(notebook.FullPath);
        var path = executed is null ? null : executedPath;

        if (run.TimedOut)
        {
            var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return new NotebookResult(notebook, NotebookStatus.TimedOut, cellCount, run.Elapsed, null, null,
                $"timed out after {seconds} s");
        }
        if (executed?.FirstError is { } error)
            return new NotebookResult(notebook, NotebookStatus.Failed, cellCount, run.Elapsed, error, path);
        if (run.ExitCode == 0 && executed is not null)
            return new NotebookResult(notebook, NotebookStatus.Passed, cellCount, run.Elapsed, null, path);

        var why = executed is null
            ? $"dotnet-repl exited with code {run.ExitCode} and wrote no executed notebook"
            : $"dotnet-repl exited with code {run.ExitCode} but no cell reported an error";
        if (unreadable is not null)
            why += $" ({unreadable})";
        var detail = string.IsNullOrWhiteSpace(run.OutputTail) ? why : why + Environment.NewLine + run.OutputTail;
        return new NotebookResult(notebook, NotebookStatus.Failed, cellCount, run.Elapsed, null, path, detail);
    }

    private static async Task RestoreToolsAsync(RepositoryLayout layout, TextWriter log, CancellationToken cancellationToken)
    {
        log.WriteLine("dotnet tool restore …");
        log.Flush();
        var restore = await ReplKernel.RestoreToolsAsync(layout, TimeSpan.FromMinutes(5), cancellationToken);
        if (restore.TimedOut || restore.ExitCode != 0)
        {
            var how = restore.TimedOut ? "timed out after 300 s" : $"failed with exit code {restore.ExitCode}";
            throw new RunnerSetupException(
                $"dotnet tool restore {how} in {layout.Root}; dotnet-repl is needed to run notebooks.{Environment.NewLine}{restore.OutputTail}");
        }
    }

    private static int CountCells(string notebookPath)
    {
        try
        {
            return ExecutedNotebook.Load(notebookPath).CellCount;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or IOException)
        {
            return 0;
        }
    }

    /// <summary>The README's first "# " heading names the course; a fixed title when there is none.</summary>
    public static string CourseTitle(RepositoryLayout layout)
    {
        var readme = Path.Combine(layout.Root, "README.md");
        if (!File.Exists(readme))
            return DefaultCourseTitle;
        var heading = File.ReadLines(readme).FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? DefaultCourseTitle : heading[2..].Trim();
    }
}
