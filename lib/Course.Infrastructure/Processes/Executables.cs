namespace Course.Infrastructure.Processes;

/// <summary>Finds server binaries in PATH and in the usual Debian locations (sbin is often not in a user's PATH).</summary>
internal static class Executables
{
    private static readonly string[] UsualDirectories =
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The full path of an executable file called <paramref name="name"/>, or null.</summary>
    public static string? Find(string name, params string[] preferredDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = preferredDirectories
            .Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Concat(UsualDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name);
            if (IsExecutableFile(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The first existing file among <paramref name="candidates"/>, or null.</summary>
    public static string? FirstExisting(params string[] candidates) => candidates.FirstOrDefault(File.Exists);

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
