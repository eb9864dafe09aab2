namespace Course.Notebooks.Tests.Runner;

using Course.NotebookRunner;

public sealed class ResultAndSummaryTests
{
    private static NotebookFile File(string name) =>
        NotebookFile.Create(TestRepository.Layout, Path.Combine(TestRepository.Layout.NotebooksDirectory, name));

    [Fact]
    public void A_kernel_that_died_without_an_output_notebook_reports_its_exit_code_and_output_tail()
    {
        var run = new KernelRun(134, TimedOut: false, TimeSpan.FromSeconds(2), "Stack overflow.\nstderr: at Foo()");

        var result = NotebookRunner.Interpret(File("crash.ipynb"), run, "/nonexistent/executed.ipynb", TimeSpan.FromSeconds(600));

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Null(result.ExecutedPath);
        Assert.Null(result.FirstError);
        Assert.Equal("dotnet-repl exited with code 134 and wrote no executed notebook", result.ErrorSummary);
        Assert.Contains("Stack overflow.", result.Detail);
        Assert.Contains("stderr: at Foo()", result.Describe());
    }

    [Fact]
    public void A_timeout_is_reported_with_its_limit()
    {
        var run = new KernelRun(null, TimedOut: true, TimeSpan.FromSeconds(20.2), "");

        var result = NotebookRunner.Interpret(File("slow.ipynb"), run, "/nonexistent/executed.ipynb", TimeSpan.FromSeconds(20));

        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        Assert.Equal("timed out after 20 s", result.ErrorSummary);
        Assert.False(result.Passed);
    }

    [Fact]
    public void The_summary_table_has_every_column_and_the_totals()
    {
        var passed = new NotebookResult(File("00-start.ipynb"), NotebookStatus.Passed, 12, TimeSpan.FromSeconds(4.21), null, "x");
        var failed = new NotebookResult(File("01-week/01-raft.ipynb"), NotebookStatus.Failed, 30, TimeSpan.FromSeconds(9),
            new CellError(7, "Error", "System.InvalidOperationException: " + new string('x', 200) + "\n   at …", []), "y");
        var timedOut = new NotebookResult(File("02-week/01-2pc.ipynb"), NotebookStatus.TimedOut, 5, TimeSpan.FromSeconds(600), null, null,
            "timed out after 600 s");

        var lines = SummaryTable.Render([passed, failed, timedOut], TimeSpan.FromSeconds(613.2)).TrimEnd().Split(Environment.NewLine);

        Assert.Matches(@"^notebook\s+cells\s+seconds\s+status\s+failing cell\s+error$", lines[0]);
        Assert.Matches(@"^notebooks/00-start.ipynb\s+12\s+4.2\s+passed$", lines[2]);
        Assert.Matches(@"^notebooks/01-week/01-raft.ipynb\s+30\s+9.0\s+FAILED\s+7\s+System.InvalidOperationException: x+…$", lines[3]);
        Assert.Matches(@"^notebooks/02-week/01-2pc.ipynb\s+5\s+600.0\s+TIMED OUT\s+timed out after 600 s$", lines[4]);
        Assert.Equal("3 notebooks: 1 passed, 1 failed, 1 timed out; total 613.2 s", lines[5]);
        Assert.True(lines[3].Length < 200, "long errors are shortened in the console table");
    }

    [Fact]
    public void Progress_lines_are_plain_and_numbered()
    {
        var log = new StringWriter();
        var progress = new ProgressReporter(log, total: 9);
        var file = File("01-consensus/01-raft.ipynb");

        progress.Starting(2, file);
        progress.StillRunning(2, TimeSpan.FromSeconds(15.4));
        progress.Finished(2, new NotebookResult(file, NotebookStatus.Failed, 20, TimeSpan.FromSeconds(16), new CellError(4, "Error", "System.Exception: no leader", []), "x"));

        Assert.Equal(
            ["[2/9] notebooks/01-consensus/01-raft.ipynb …", "[2/9] … still running (15 s)", "[2/9] FAILED in cell 4 of 20 after 16.0 s: System.Exception: no leader"],
            log.ToString().TrimEnd().Split(Environment.NewLine));
        Assert.DoesNotContain('\r', log.ToString());
        Assert.DoesNotContain('\u001b', log.ToString());
    }

    [Fact]
    public void A_run_passes_only_when_every_notebook_passed()
    {
        var ok = new NotebookResult(File("a.ipynb"), NotebookStatus.Passed, 1, TimeSpan.Zero, null, "x");
        var bad = ok with { Status = NotebookStatus.TimedOut };

        Assert.Equal(0, new RunReport([ok, ok], TimeSpan.Zero, null).ExitCode);
        Assert.Equal(1, new RunReport([ok, bad], TimeSpan.Zero, null).ExitCode);
    }
}
