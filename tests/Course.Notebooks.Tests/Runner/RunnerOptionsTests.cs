namespace Course.Notebooks.Tests.Runner;

using Course.NotebookRunner;

public sealed class RunnerOptionsTests
{
    [Fact]
    public void No_arguments_means_every_notebook_with_the_default_timeout()
    {
        var options = RunnerOptions.Parse([], "/somewhere");

        Assert.Empty(options.Paths);
        Assert.Equal(TimeSpan.FromSeconds(600), options.Timeout);
        Assert.Null(options.OutputDirectory);
        Assert.Equal("/somewhere", options.WorkingDirectory);
        Assert.True(options.RestoreTools);
    }

    [Fact]
    public void Paths_timeout_and_out_are_read_in_any_order()
    {
        var options = RunnerOptions.Parse(["--timeout", "20", "a.ipynb", "--out", "build/x", "notebooks/01"]);

        Assert.Equal(["a.ipynb", "notebooks/01"], options.Paths);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal("build/x", options.OutputDirectory);
    }

    [Fact]
    public void A_fractional_timeout_is_accepted_in_invariant_culture() =>
        Assert.Equal(TimeSpan.FromSeconds(1.5), RunnerOptions.Parse(["--timeout", "1.5"]).Timeout);

    [Theory]
    [InlineData(new[] { "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "--timeout", "0" }, "--timeout must be positive, got '0'")]
    [InlineData(new[] { "--timeout", "-5" }, "--timeout must be positive, got '-5'")]
    [InlineData(new[] { "--timeout", "soon" }, "--timeout must be a number of seconds, got 'soon'")]
    [InlineData(new[] { "--timeout" }, "option '--timeout' needs a value")]
    [InlineData(new[] { "--out" }, "option '--out' needs a value")]
    [InlineData(new[] { "--out", "--timeout", "5" }, "option '--out' needs a value")]
    public void Bad_options_are_rejected_with_a_clear_message(string[] args, string expected)
    {
        var error = Assert.Throws<RunnerUsageException>(() => RunnerOptions.Parse(args));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Help_is_recognised() => Assert.True(RunnerOptions.Parse(["--help"]).ShowHelp);
}
