using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace Course.MachineLearning.Torch;

/// <summary>Whether TorchSharp can run here, and why (shown in cells and in test skip messages).</summary>
public sealed record TorchStatus(bool Loadable, string Reason, IReadOnlyList<string> Patched)
{
    public override string ToString() => (Loadable ? "TorchSharp loads: " : "TorchSharp unavailable: ") + Reason;
}

/// <summary>
/// Makes TorchSharp load on this machine, before its first call. Two steps, both idempotent:
/// <list type="number">
/// <item>Debian 12: TorchSharp 0.107's <c>libLibTorchSharp.so</c> was linked against GCC 13's libstdc++ and requires
/// the version GLIBCXX_3.4.32; Debian 12 ships GCC 12's (up to 3.4.30), the loader refuses the library, and TorchSharp
/// reports a misleading "package not restored". Only one symbol, <c>std::ios_base_library_init()</c>, carries that
/// version and nothing binds it through a relocation, so marking the requirement weak (VER_FLG_WEAK in
/// <c>.gnu.version_r</c>) is enough: the loader then checks only the symbols actually bound, all of which GCC 12's
/// libstdc++ has. Skipped where the system libstdc++ provides the version (Ubuntu 24.04 has 3.4.33).</item>
/// <item>Load the natives straight from the NuGet package cache by full path (libtorch first, so libLibTorchSharp's
/// NEEDED entries resolve to it). The project does not copy them into bin/ or artifacts/ (~490 MB per copy);
/// TorchSharp's own lookup by name then finds the already-loaded library by its SONAME.</item>
/// </list>
/// Both steps fail softly with a reason (a failed <c>dlopen</c> is an exception, not a crash), and nothing touches
/// TorchSharp's types until they succeed: a failing first torch call poisons TorchSharp's static initialiser for
/// the rest of the process (TypeInitializationException), so probing comes first.
/// </summary>
public static class TorchSharpRuntime
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";
    private const string Library = "libLibTorchSharp.so";
    private static readonly Lazy<TorchStatus> Status = new(Probe);

    /// <summary>Patches if needed, preloads, then runs one tiny torch operation; cached for the process.</summary>
    public static TorchStatus EnsureLoadable() => Status.Value;

    /// <summary>The reason to pass to <c>Skip.If</c> / print in a cell, or null when torch is usable.</summary>
    public static string? SkipReason => EnsureLoadable() is { Loadable: false } s ? s.ToString() : null;

    private static TorchStatus Probe()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return new TorchStatus(false, "this course pins libtorch-cpu-linux-x64; other platforms need their libtorch package", []);
        var torchSharp = PackageFile("TorchSharp", "TorchSharpPackageVersion", "runtimes/linux-x64/native/" + Library);
        var libtorch = PackageFile("libtorch-cpu-linux-x64", "LibTorchPackageVersion", "runtimes/linux-x64/native/libtorch.so");
        foreach (var (path, package) in new[] { (torchSharp, "TorchSharp"), (libtorch, "libtorch-cpu-linux-x64") })
            if (!File.Exists(path))
                return new TorchStatus(false, $"{path} is missing: restore the {package} package (dotnet restore)", []);

        var patched = new List<string>();
        var how = $"the system libstdc++ provides {RequiredVersion}; no patch needed";
        if (!SystemProvides(RequiredVersion))
        {
            foreach (var path in Candidates(torchSharp))
            {
                try
                {
                    if (PatchFile(path)) patched.Add(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    return new TorchStatus(false, $"could not patch {path}: {e.Message}", patched);
                }
            }
            how = $"{RequiredVersion} marked weak in {Library} ({(patched.Count > 0 ? $"patched {patched.Count} file(s) now" : "already patched")})";
        }
        try
        {
            NativeLibrary.Load(libtorch);
            NativeLibrary.Load(torchSharp);
        }
        catch (DllNotFoundException e)
        {
            return new TorchStatus(false, $"{how}; loading from the package cache failed: {e.Message}", patched);
        }
        return FirstCall(patched, how);
    }

    private static TorchStatus FirstCall(IReadOnlyList<string> patched, string how)
    {
        try
        {
            using var t = torch.ones(2).sum();
            return t.item<float>() == 2
                ? new TorchStatus(true, $"{how}; libtorch {torch.__version__} from the package cache", patched)
                : new TorchStatus(false, "a test sum gave the wrong answer", patched);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or InvalidOperationException)
        {
            return new TorchStatus(false, $"{how}; first torch call failed: {e.GetBaseException().Message}", patched);
        }
    }

    /// <summary>Marks the requirement weak in one file (atomically: write a copy, then rename). False if already done.</summary>
    public static bool PatchFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!ElfVersionNeeds.Read(bytes).Any(r => r.Version == RequiredVersion) || !ElfVersionNeeds.MarkWeak(bytes, RequiredVersion))
            return false;
        // A new inode, so a process that already mapped the old file keeps reading intact pages.
        var temp = path + $".patch-{Environment.ProcessId}";
        File.WriteAllBytes(temp, bytes);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
        File.Move(temp, path, overwrite: true);
        return true;
    }

    /// <summary>
    /// The package-cache copy, plus any copy next to this app (an older build, or TorchSharp's own fallback that
    /// copies the natives into <c>bin/cpu/</c>): all get the same patch, so whichever is found first loads.
    /// </summary>
    public static IEnumerable<string> Candidates(string packageCopy) =>
        new[]
        {
            packageCopy,
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", Library),
            Path.Combine(AppContext.BaseDirectory, "cpu", Library),
            Path.Combine(AppContext.BaseDirectory, Library),
        }.Where(File.Exists).Select(Path.GetFullPath).Distinct();

    /// <summary>
    /// A file inside a restored package: $NUGET_PACKAGES or ~/.nuget/packages, lower-case id, and the version the
    /// build recorded in an assembly attribute (the csproj copies it from Directory.Packages.props).
    /// </summary>
    public static string PackageFile(string packageId, string versionKey, string relativePath)
    {
        var version = typeof(TorchSharpRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == versionKey).Value;
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, packageId.ToLowerInvariant(), version!, relativePath);
    }

    /// <summary>Does the system libstdc++ define <paramref name="version"/>? (Version names are plain strings in its .dynstr.)</summary>
    public static bool SystemProvides(string version)
    {
        string[] dirs = ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib"];
        var lib = dirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
        if (lib is null) return false;
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(lib).AsSpan().IndexOf(needle) >= 0;
    }
}
