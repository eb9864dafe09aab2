namespace Course.NotebookRunner;

/// <summary>How one dotnet-repl process ended.</summary>
/// <param name="ExitCode">Null when it was killed on timeout.</param>
/// <param name="OutputTail">The last lines of stdout and stderr, for failures that left no output notebook.</param>
public sealed record KernelRun(int? ExitCode, bool TimedOut, TimeSpan Elapsed, string OutputTail);
