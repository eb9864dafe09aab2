namespace Course.Notebooks.Tests.Runner;

/// <summary>Reads /proc to check that no process is left running a given notebook.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<string> CommandLinesContaining(string text)
    {
        if (!Directory.Exists("/proc"))
            return [];
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                    found.Add($"{Path.GetFileName(dir)}: {commandLine}");
            }
            catch (IOException)
            {
                // It exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
