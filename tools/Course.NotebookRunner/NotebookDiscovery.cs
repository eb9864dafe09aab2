namespace Course.NotebookRunner;

/// <summary>Turns the command line's paths (or nothing: all of notebooks/) into the sorted list to run.</summary>
public static class NotebookDiscovery
{
    public const string Extension = ".ipynb";

    /// <summary>Throws <see cref="RunnerUsageException"/> for a path that is missing, not a notebook,
    /// a folder without notebooks, or outside the repository (the local dotnet-repl tool runs only inside it).</summary>
    public static IReadOnlyList<NotebookFile> Discover(RepositoryLayout layout, IReadOnlyList<string> paths, string workingDirectory)
    {
        var found = new List<string>();
        if (paths.Count == 0)
        {
            if (!Directory.Exists(layout.NotebooksDirectory))
                throw new RunnerUsageException($"no notebooks/ folder in {layout.Root}");
            found.AddRange(FindIn(layout.NotebooksDirectory));
        }

        foreach (var given in paths)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, given));
            if (Directory.Exists(full))
            {
                var inFolder = FindIn(full);
                if (inFolder.Count == 0)
                    throw new RunnerUsageException($"no {Extension} notebooks in folder '{given}'");
                found.AddRange(inFolder);
            }
            else if (File.Exists(full))
            {
                if (!string.Equals(Path.GetExtension(full), Extension, StringComparison.OrdinalIgnoreCase))
                    throw new RunnerUsageException($"'{given}' is not a notebook (expected a {Extension} file or a folder)");
                found.Add(full);
            }
            else
            {
                throw new RunnerUsageException($"'{given}' does not exist");
            }

            if (!layout.Contains(full))
                throw new RunnerUsageException(
                    $"'{given}' is outside the repository {layout.Root}: dotnet-repl is a local tool and runs only inside it");
        }

        return found
            .Distinct(StringComparer.Ordinal)
            .Select(path => NotebookFile.Create(layout, path))
            .OrderBy(nb => nb.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>All notebooks under a folder, skipping Jupyter's .ipynb_checkpoints copies.</summary>
    public static IReadOnlyList<string> FindIn(string directory) =>
        Directory.EnumerateFiles(directory, "*" + Extension, SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(directory, path)
                .Split(Path.DirectorySeparatorChar)
                .Contains(".ipynb_checkpoints"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
