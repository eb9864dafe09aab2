namespace Course.Notebooks.Tests.Runner;

using Course.NotebookRunner;
using Xunit.Abstractions;

/// <summary>Runs tiny notebooks through the real dotnet-repl, the way CI runs the course.</summary>
[Collection(KernelCollection.Name)]
public sealed class RealKernelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_passing_and_a_failing_notebook_are_reported_and_written()
    {
        var folder = TestRepository.ScratchNotebookFolder("runner-real");
        var outDir = TestRepository.ScratchOutputFolder("runner-real");
        new NotebookJson()
            .Markdown("# Passing")
            .Code("1+1")
            .Code("var answer = 6 * 7;\nConsole.WriteLine($\"answer {answer}\");")
            .WriteTo(Path.Combine(folder, "passing.ipynb"));
        new NotebookJson()
            .Markdown("# Failing")
            .Code("var x = 1 + 1;")
            .Code("throw new InvalidOperationException(\"expected failure 42\");")
            .Code("x + 1")
            .WriteTo(Path.Combine(folder, "failing.ipynb"));

        var log = new StringWriter();
        var report = await NotebookRunner.RunAsync(
            new RunnerOptions { Paths = [folder], OutputDirectory = outDir, WorkingDirectory = TestRepository.Layout.Root, Timeout = TimeSpan.FromSeconds(180) },
            log);
        output.WriteLine(log.ToString());

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(["artifacts/test-notebooks/runner-real/failing.ipynb", "artifacts/test-notebooks/runner-real/passing.ipynb"],
            report.Results.Select(r => r.Notebook.RelativePath));

        var failing = report.Results[0];
        Assert.Equal(NotebookStatus.Failed, failing.Status);
        Assert.Equal(4, failing.CellCount);
        Assert.Equal(3, failing.FirstError?.CellNumber);
        Assert.Equal("System.InvalidOperationException: expected failure 42", failing.FirstError?.Message);

        var passing = report.Results[1];
        Assert.True(passing.Passed, passing.Describe());
        Assert.Equal(3, passing.CellCount);

        var executed = Path.Combine(outDir, "executed", "artifacts", "test-notebooks", "runner-real");
        Assert.Equal(Path.Combine(executed, "passing.ipynb"), passing.ExecutedPath);
        Assert.True(File.Exists(Path.Combine(executed, "failing.ipynb")));
        var stream = ExecutedNotebook.Load(passing.ExecutedPath!).Cells[2].Outputs.Single(o => o.OutputType == "stream");
        Assert.Equal("answer 42\n", stream.Text);

        Assert.True(File.Exists(Path.Combine(outDir, "site", "artifacts", "test-notebooks", "runner-real", "failing.html")));
        Assert.Contains("expected failure 42", File.ReadAllText(report.Site!.IndexPath));
        var text = log.ToString();
        Assert.Contains("[1/2] artifacts/test-notebooks/runner-real/failing.ipynb …", text);
        Assert.Contains("[1/2] FAILED in cell 3 of 4", text);
        Assert.Contains("[2/2] passed: 3 cells in", text);
        Assert.Contains("2 notebooks: 1 passed, 1 failed, 0 timed out", text);
    }

    [Fact]
    public async Task A_notebook_that_runs_too_long_is_killed_with_its_whole_process_tree()
    {
        var folder = TestRepository.ScratchNotebookFolder("runner-timeout");
        var outDir = TestRepository.ScratchOutputFolder("runner-timeout");
        var notebook = new NotebookJson()
            .Code("1+1")
            .Code("System.Threading.Thread.Sleep(TimeSpan.FromMinutes(5));")
            .WriteTo(Path.Combine(folder, "sleeps-forever.ipynb"));

        var log = new StringWriter();
        var report = await NotebookRunner.RunAsync(
            new RunnerOptions
            {
                Paths = [notebook],
                OutputDirectory = outDir,
                WorkingDirectory = TestRepository.Layout.Root,
                Timeout = TimeSpan.FromSeconds(10),
                HeartbeatInterval = TimeSpan.FromSeconds(3),
            },
            log);
        output.WriteLine(log.ToString());

        var result = Assert.Single(report.Results);
        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        Assert.Equal("timed out after 10 s", result.ErrorSummary);
        Assert.InRange(result.Elapsed.TotalSeconds, 9.5, 40);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains("[1/1] … still running (", log.ToString());
        Assert.Contains("[1/1] TIMED OUT: timed out after 10 s", log.ToString());
        Assert.Empty(ProcessTable.CommandLinesContaining("sleeps-forever.ipynb"));
        Assert.False(File.Exists(Path.Combine(outDir, "executed", "artifacts", "test-notebooks", "runner-timeout", "sleeps-forever.ipynb")));
    }

    [Fact]
    public async Task Cancelling_a_run_stops_the_kernel_before_returning()
    {
        var folder = TestRepository.ScratchNotebookFolder("runner-cancel");
        var notebook = new NotebookJson()
            .Code("System.Threading.Thread.Sleep(TimeSpan.FromMinutes(5));")
            .WriteTo(Path.Combine(folder, "cancelled-midway.ipynb"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NotebookRunner.RunAsync(
            new RunnerOptions
            {
                Paths = [notebook],
                OutputDirectory = TestRepository.ScratchOutputFolder("runner-cancel"),
                WorkingDirectory = TestRepository.Layout.Root,
            },
            TextWriter.Null,
            cancel.Token));

        Assert.Empty(ProcessTable.CommandLinesContaining("cancelled-midway.ipynb"));
    }
}
