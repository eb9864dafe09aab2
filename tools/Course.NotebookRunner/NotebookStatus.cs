namespace Course.NotebookRunner;

public enum NotebookStatus
{
    Passed,
    /// <summary>A cell reported an error, or the kernel exited non-zero.</summary>
    Failed,
    /// <summary>Killed after the per-notebook timeout.</summary>
    TimedOut,
}
