using System.Diagnostics;

namespace Course.Infrastructure.Processes;

/// <summary>Polls a readiness check until it passes, the server dies, or a deadline passes — never longer.</summary>
internal static class Readiness
{
    public enum Outcome { Ready, Exited, TimedOut }

    public static async Task<Outcome> WaitAsync(
        ChildProcessGroup group,
        Func<CancellationToken, Task<bool>> isReady,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (group.ServerExited) return Outcome.Exited;
            if (await isReady(cancellationToken).ConfigureAwait(false)) return Outcome.Ready;
            if (group.ServerExited) return Outcome.Exited;
            if (clock.Elapsed > timeout) return Outcome.TimedOut;
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A sentence for an error message: why the server is not ready, with the tail of its log.</summary>
    public static string Explain(ChildProcessGroup group, Outcome outcome, TimeSpan timeout) =>
        (outcome == Outcome.Exited
            ? $"{group.Name} exited during start-up"
            : $"{group.Name} was not ready within {timeout.TotalSeconds:0} s")
        + $". Last lines of its log:{Environment.NewLine}{group.LogTail()}";
}
