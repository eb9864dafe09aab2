using System.Runtime.InteropServices;

namespace Course.Caching.Stores;

/// <summary>
/// Loads SQLite's native library (e_sqlite3, shipped by SQLitePCLRaw) from runtimes/&lt;rid&gt;/native beside the
/// provider assembly. A notebook kernel loads the course library with <c>#r</c>, so its deps.json knows nothing of
/// it and the default probing fails (TypeInitializationException in SqliteConnection). Same cure as
/// Course.Infrastructure's KafkaNativeLibrary: answer the provider's P/Invoke lookups with the file. Apps and tests,
/// which have a deps.json, never need the resolver (it declines, and the default probing finds the file).
/// </summary>
internal static class SqliteNativeLibrary
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_registered) return;
            _registered = true;
            var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
            var folder = Path.GetDirectoryName(provider.Location) ?? AppContext.BaseDirectory;
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            var file = Path.Combine(folder, "runtimes", $"{os}-{arch}", "native",
                OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so");
            if (!File.Exists(file)) return;   // no runtimes folder: the default probing (deps.json) applies
            try
            {
                NativeLibrary.SetDllImportResolver(provider, (name, _, _) =>
                    name == "e_sqlite3" && NativeLibrary.TryLoad(file, out var handle) ? handle : IntPtr.Zero);
            }
            catch (InvalidOperationException)
            {
                // A resolver for the provider exists already; it wins.
            }
        }
    }
}
