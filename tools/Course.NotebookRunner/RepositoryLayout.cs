namespace Course.NotebookRunner;

/// <summary>The folders the runner works with, found from the folder that holds Course.sln.</summary>
public sealed class RepositoryLayout
{
    public const string SolutionFileName = "Course.sln";

    public RepositoryLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    public string NotebooksDirectory => Path.Combine(Root, "notebooks");
    public string ArtifactsDirectory => Path.Combine(Root, "artifacts");
    public string CourseLibraryPath => Path.Combine(ArtifactsDirectory, "course", "Course.Notebooks.dll");

    /// <summary>Walks up from <paramref name="start"/>; falls back to where this program was built
    /// (tools/Course.NotebookRunner/bin/…), so the runner also works when started from outside the tree.</summary>
    public static RepositoryLayout Find(string start)
    {
        var root = FindRootAbove(start) ?? FindRootAbove(AppContext.BaseDirectory)
            ?? throw new RunnerUsageException(
                $"no {SolutionFileName} found above '{start}': run the runner from inside the course repository");
        return new RepositoryLayout(root);
    }

    public static string? FindRootAbove(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                return dir.FullName;
        }
        return null;
    }

    public bool Contains(string fullPath) => IsUnder(fullPath, Root);

    /// <summary>Repository-relative path with forward slashes, as shown in logs and the site.</summary>
    public string RelativePath(string fullPath) => ToSlashes(Path.GetRelativePath(Root, fullPath));

    public static bool IsUnder(string fullPath, string directory)
    {
        var relative = Path.GetRelativePath(directory, fullPath);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }

    public static string ToSlashes(string path) => path.Replace('\\', '/');
}
