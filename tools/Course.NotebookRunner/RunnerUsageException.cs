namespace Course.NotebookRunner;

/// <summary>A bad command line: reported as one line and exit code 2, before any kernel starts.</summary>
public sealed class RunnerUsageException(string message) : Exception(message);
