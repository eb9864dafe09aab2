using System.Diagnostics;
using Course.NotebookRunner;

namespace Course.Notebooks.Tests.Runner;

/// <summary>The committed notebooks under notebooks/, for the theories over every notebook.</summary>
public static class CourseNotebooks
{
    /// <summary>Stands in for "no notebooks yet": xunit fails a theory with no data, so the theory gets
    /// this one case and skips it.</summary>
    public const string None = "(no notebooks committed yet)";

    /// <summary>Repository-relative paths, sorted. Files git tracks when git can tell (so a colleague's
    /// untracked scratch notebook is not run), else every notebook on disk (a CI clone has just those).</summary>
    public static IReadOnlyList<string> RelativePaths()
    {
        var layout = TestRepository.Layout;
        var tracked = GitTrackedNotebooks(layout);
        var paths = tracked ?? (Directory.Exists(layout.NotebooksDirectory)
            ? NotebookDiscovery.FindIn(layout.NotebooksDirectory).Select(layout.RelativePath).ToList()
            : []);
        return paths.Order(StringComparer.Ordinal).ToList();
    }

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        var paths = RelativePaths();
        foreach (var path in paths.Count == 0 ? [None] : paths)
            data.Add(path);
        return data;
    }

    public static string FullPath(string relativePath) =>
        Path.GetFullPath(Path.Combine(TestRepository.Layout.Root, relativePath));

    private static List<string>? GitTrackedNotebooks(RepositoryLayout layout)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = layout.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "ls-files", "-z", "--", "notebooks" })
                start.ArgumentList.Add(argument);
            using var git = Process.Start(start);
            if (git is null)
                return null;
            var stdout = git.StandardOutput.ReadToEndAsync();
            git.StandardError.ReadToEnd();
            if (!git.WaitForExit(TimeSpan.FromSeconds(30)) || git.ExitCode != 0)
                return null;
            return stdout.Result.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Where(path => path.EndsWith(NotebookDiscovery.Extension, StringComparison.OrdinalIgnoreCase))
                .Where(path => !path.Split('/').Contains(".ipynb_checkpoints"))
                .Where(path => File.Exists(FullPath(path)))
                .ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
