using System.Runtime.CompilerServices;

namespace Course.Notebooks;

/// <summary>
/// The one call every notebook makes right after <c>#r "…/artifacts/course/Course.Notebooks.dll"</c>:
/// it makes the library feel native in the notebook and says which build is loaded.
/// </summary>
public static class NotebookSetup
{
    private static readonly object Gate = new();
    private static SetupReport? _report;

    /// <summary>
    /// Registers the FSharp.Core resolver (before anything touches Plotly.NET) and the ASP.NET Core one (Kestrel in a cell), the formatters for library
    /// types and charts, and returns a report whose HTML carries plotly.js so charts draw offline.
    /// Safe to call again (re-running the cell returns a fresh report; formatters are registered once).
    /// </summary>
    public static SetupReport Run()
    {
        FSharpCoreResolver.Register();
        AspNetCoreResolver.Register();
        lock (Gate)
        {
            if (_report is null)
            {
                RegisterEverything();
                _report = SetupReport.ForThisBuild();
            }
            return _report;
        }
    }

    // Kept out of Run's body: the JIT resolves the types a method mentions when it compiles the method,
    // and Plotly.NET must not be resolved before the FSharp.Core resolver exists.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterEverything()
    {
        ExposedAssemblies.Touch();
        Formatters.Register();
    }
}
