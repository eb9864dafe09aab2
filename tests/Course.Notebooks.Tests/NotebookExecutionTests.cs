namespace Course.Notebooks.Tests;

using Course.NotebookRunner;
using Course.Notebooks.Tests.Runner;
using Xunit.Abstractions;

/// <summary>Every committed notebook runs clean in a fresh dotnet-repl kernel, through the same code as
/// `dotnet run --project tools/Course.NotebookRunner`.</summary>
[Collection(KernelCollection.Name)]
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks => CourseNotebooks.Theory();

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_clean(string notebook)
    {
        Skip.If(notebook == CourseNotebooks.None, "no notebooks are committed under notebooks/ yet");

        var log = new StringWriter();
        var report = await NotebookRunner.RunAsync(
            new RunnerOptions
            {
                Paths = [notebook],
                WorkingDirectory = TestRepository.Layout.Root,
                // Its own output folder, so a test run never overwrites the site of a real run.
                OutputDirectory = Path.Combine(TestRepository.Layout.ArtifactsDirectory, "test-output", "notebooks"),
            },
            log);
        output.WriteLine(log.ToString());

        var result = Assert.Single(report.Results);
        if (!result.Passed)
            Assert.Fail(result.Describe());
    }
}
