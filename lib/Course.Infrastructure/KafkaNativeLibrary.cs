using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Course.Infrastructure;

/// <summary>
/// Loads librdkafka from the folder Confluent.Kafka.dll was loaded from. A notebook kernel loads the course
/// library with <c>#r</c>, so the kernel's own deps.json knows nothing of librdkafka and the default probing
/// fails ("DllNotFoundException"). Confluent.Kafka's own Library.Load(path) needs "libdl.so", which Debian only
/// ships in -dev packages, so instead we answer its P/Invoke lookups with the file we found. Call before the
/// first Kafka client.
/// </summary>
public static class KafkaNativeLibrary
{
    private static readonly object Gate = new();
    private static bool _registered;

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_registered || Library.IsLoaded) return;
            _registered = true;
            var folder = NativeFolder();
            if (folder is null) return; // let Confluent.Kafka probe itself (works in apps with a deps.json)
            try
            {
                // Confluent.Kafka asks for "librdkafka" (built with GSSAPI: needs libsasl2.so.3, absent on Debian),
                // then "centos8-librdkafka" (without it). Answer each with its file, or decline so it tries the next.
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, (name, _, _) =>
                {
                    var file = Path.Combine(folder, name + NativeSuffix);
                    return name.Contains("librdkafka", StringComparison.OrdinalIgnoreCase) && NativeLibrary.TryLoad(file, out var handle)
                        ? handle
                        : IntPtr.Zero;
                });
            }
            catch (InvalidOperationException)
            {
                // Someone registered a resolver for Confluent.Kafka already; theirs wins.
            }
        }
    }

    private static string NativeSuffix =>
        OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";

    /// <summary>runtimes/&lt;rid&gt;/native beside Confluent.Kafka.dll, when it exists.</summary>
    private static string? NativeFolder()
    {
        var folder = Path.GetDirectoryName(typeof(Library).Assembly.Location) ?? AppContext.BaseDirectory;
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            _ => "x64",
        };
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var native = Path.Combine(folder, "runtimes", $"{os}-{arch}", "native");
        return Directory.Exists(native) ? native : null;
    }
}
