using System.Diagnostics;
using Course.Notebooks.Tests.Runner;
using Xunit.Abstractions;

namespace Course.Notebooks.Tests;

using Course.NotebookRunner;

/// <summary>
/// The library as a learner meets it: loaded with #r by a real dotnet-repl kernel (which has its own FSharp.Core,
/// its own deps.json and no librdkafka on its probing paths), then rendered to the static site and drawn by a
/// real browser with no network. An in-process test would miss every one of those traps.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class KernelIntegrationTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task TheLibraryChartsAndKafkaWorkInARealKernelAndTheSiteDrawsOffline()
    {
        var folder = TestRepository.ScratchNotebookFolder("kernel-integration");
        var outDir = TestRepository.ScratchOutputFolder("kernel-integration");
        new NotebookJson()
            .Code("#r \"../../course/Course.Notebooks.dll\"\nCourse.Notebooks.NotebookSetup.Run()")
            .Code("Course.Notebooks.Charts.Line(new double[] { 1, 2, 3 }, new double[] { 2, 4, 3 }, \"t\", \"x\", \"y\")")
            .Code("""
                  var kafka = await Course.Infrastructure.CourseServices.KafkaAsync();
                  if (!kafka.IsAvailable) throw new Exception("Kafka inside the kernel: " + kafka.Description);
                  await kafka.DisposeAsync();
                  kafka.Mode.ToString()
                  """)
            .WriteTo(Path.Combine(folder, "integration.ipynb"));

        var log = new StringWriter();
        var report = await NotebookRunner.RunAsync(
            new RunnerOptions { Paths = [folder], OutputDirectory = outDir, WorkingDirectory = TestRepository.Layout.Root, Timeout = TimeSpan.FromSeconds(240) },
            log);
        output.WriteLine(log.ToString());
        var result = Assert.Single(report.Results);
        Assert.True(result.Passed, result.Describe());

        var page = Path.Combine(outDir, "site", "artifacts", "test-notebooks", "kernel-integration", "integration.html");
        Assert.True(File.Exists(page), page);
        Assert.Contains("Plotly.newPlot", File.ReadAllText(page));

        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Skip.If(chromium is null, "No Chromium to check the offline site with (sudo apt-get install chromium).");
        var dom = await DumpDomAsync(chromium!, page);
        // plotly.js draws its charts as <svg class="main-svg">: present only if plotly.js loaded from the local file.
        Assert.Contains("main-svg", dom);
    }

    private static async Task<string> DumpDomAsync(string chromium, string page)
    {
        var profile = Directory.CreateTempSubdirectory("course-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri,
            }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("Chromium did not finish within 60 s."); }
            return await stdout;
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
