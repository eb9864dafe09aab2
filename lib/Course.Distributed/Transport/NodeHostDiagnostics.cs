namespace Course.Distributed.Transport;

/// <summary>Process-wide counts, so a test (or a curious notebook) can check that stopped hosts left no thread behind.</summary>
public static class NodeHostDiagnostics
{
    private static int _runningThreads;

    /// <summary>Node threads alive right now, across every <see cref="NodeHost{TMessage}"/> in the process.</summary>
    public static int RunningThreads => Volatile.Read(ref _runningThreads);

    internal static void ThreadStarted() => Interlocked.Increment(ref _runningThreads);
    internal static void ThreadEnded() => Interlocked.Decrement(ref _runningThreads);
}
