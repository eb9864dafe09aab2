using System.Reflection;
using System.Runtime.Loader;

namespace Course.Notebooks;

/// <summary>
/// The headless kernel (dotnet-repl) runs on Microsoft.NETCore.App only, so the ASP.NET Core shared framework
/// (Kestrel, YARP's host, the JWT handler) is not on its probing path. We answer those requests from the
/// ASP.NET Core folder that sits beside the running runtime. Two names the kernel itself ships
/// (Microsoft.Extensions.ObjectPool 8.0, Microsoft.AspNetCore.Html.Abstractions) must come from the kernel's
/// own copy: a second copy of a name in the default context fails with FileLoadException (verified).
/// VS Code's Polyglot kernel already carries ASP.NET Core; there this resolver is never asked.
/// </summary>
internal static class AspNetCoreResolver
{
    private static int _registered;
    private static string? _frameworkDirectory;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        _frameworkDirectory = FindFrameworkDirectory();
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    /// <summary>…/shared/Microsoft.NETCore.App/10.0.x → …/shared/Microsoft.AspNetCore.App/10.0.x (same servicing version).</summary>
    private static string? FindFrameworkDirectory()
    {
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var aspNet = Path.Combine(runtime.Parent!.Parent!.FullName, "Microsoft.AspNetCore.App");
        if (!Directory.Exists(aspNet)) return null;
        var same = Path.Combine(aspNet, runtime.Name);
        if (Directory.Exists(same)) return same;
        return Directory.GetDirectories(aspNet).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || _frameworkDirectory is null) return null;
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name);
        if (loaded is not null) return loaded;
        // The kernel's own copy wins: loading the framework's copy beside it would fail.
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string)?
            .Split(Path.PathSeparator)
            .FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == name.Name);
        if (trusted is not null) return context.LoadFromAssemblyPath(trusted);
        var candidate = Path.Combine(_frameworkDirectory, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
