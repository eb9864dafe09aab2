using System.Runtime.InteropServices;
using System.Text;

namespace Course.NotebookRunner;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var cancel = new CancellationTokenSource();
        // Ctrl+C or a CI job's SIGTERM: cancel, so the running kernel's process tree is killed, not orphaned.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await RunAsync(args, Console.Out, Console.Error, Environment.CurrentDirectory, cancel.Token);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    /// <summary>The command line behind <see cref="Main"/>: 0 all passed, 1 a notebook failed or timed out
    /// (or the tools could not be restored), 2 bad arguments, 130 cancelled.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string workingDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var options = RunnerOptions.Parse(args, workingDirectory);
            if (options.ShowHelp)
            {
                stdout.WriteLine(RunnerOptions.Usage);
                stdout.WriteLine("Runs the notebooks (all of notebooks/ by default) in fresh dotnet-repl kernels;");
                stdout.WriteLine("writes <out>/executed/ and the site <out>/site/ (default out: artifacts/).");
                return 0;
            }
            var report = await NotebookRunner.RunAsync(options, stdout, cancellationToken);
            return report.ExitCode;
        }
        catch (RunnerUsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (RunnerSetupException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled: the running kernel was stopped");
            return 130;
        }
    }
}
