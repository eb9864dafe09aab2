using System.Reflection;
using System.Runtime.Loader;

namespace Course.Notebooks;

/// <summary>
/// The .NET Interactive kernel ships FSharp.Core 10.0.0.0; Plotly.NET asks for 10.1.0.0. Two copies of
/// FSharp.Core in one process break Plotly.NET (MissingMethodException inside Giraffe.ViewEngine), so
/// we answer every request for FSharp.Core with the copy that is already loaded.
/// Must be registered before any Plotly.NET type is touched (DESIGN.md, "How a notebook loads the library").
/// </summary>
internal static class FSharpCoreResolver
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase)) return null;
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
    }
}
