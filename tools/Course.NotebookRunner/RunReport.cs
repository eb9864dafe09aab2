namespace Course.NotebookRunner;

/// <summary>Everything one run produced.</summary>
public sealed record RunReport(IReadOnlyList<NotebookResult> Results, TimeSpan Elapsed, SiteReport? Site)
{
    public bool AllPassed => Results.All(r => r.Passed);

    /// <summary>0 when every notebook passed, 1 when any failed or timed out.</summary>
    public int ExitCode => AllPassed ? 0 : 1;
}
