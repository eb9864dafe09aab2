namespace Course.Notebooks.Tests.Runner;

using Course.NotebookRunner;

/// <summary>Bad arguments end with one line on stderr and exit code 2, before any kernel or restore runs.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await Program.RunAsync(args, stdout, stderr, TestRepository.Layout.Root, CancellationToken.None);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static void AssertUsageError((int ExitCode, string Stdout, string Stderr) run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout); // nothing ran: no restore, no progress
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error() =>
        AssertUsageError(await Run("notebooks/no-such-notebook.ipynb"), "'notebooks/no-such-notebook.ipynb' does not exist");

    [Fact]
    public async Task A_file_that_is_not_a_notebook_is_a_usage_error() =>
        AssertUsageError(await Run("Course.sln"), "'Course.sln' is not a notebook");

    [Fact]
    public async Task A_folder_without_notebooks_is_a_usage_error()
    {
        var empty = TestRepository.ScratchNotebookFolder("empty-folder");
        File.WriteAllText(Path.Combine(empty, "readme.md"), "no notebooks here");

        AssertUsageError(await Run(empty), "no .ipynb notebooks in folder");
    }

    [Fact]
    public async Task A_notebook_outside_the_repository_is_a_usage_error()
    {
        var outside = Path.Combine(Path.GetTempPath(), $"runner-outside-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(outside, new NotebookJson().Code("1+1").ToJson());
        try
        {
            AssertUsageError(await Run(outside), "is outside the repository");
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error() =>
        AssertUsageError(await Run("--fast"), "unknown option '--fast'");

    [Fact]
    public async Task A_non_positive_timeout_is_a_usage_error() =>
        AssertUsageError(await Run("--timeout", "0"), "--timeout must be positive");

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var run = await Run("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: dotnet run --project tools/Course.NotebookRunner", run.Stdout);
    }
}
