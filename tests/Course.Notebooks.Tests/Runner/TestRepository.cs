using Course.NotebookRunner;

namespace Course.Notebooks.Tests.Runner;

/// <summary>The repository the tests run in, and scratch folders inside it (dotnet-repl is a local
/// tool: notebooks must live inside the tree for `dotnet tool run` to find the manifest).</summary>
public static class TestRepository
{
    public static RepositoryLayout Layout { get; } = new(
        RepositoryLayout.FindRootAbove(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("tests must run from inside the course repository"));

    /// <summary>A fresh, empty folder under artifacts/test-notebooks/.</summary>
    public static string ScratchNotebookFolder(string name) => Fresh(Path.Combine(Layout.ArtifactsDirectory, "test-notebooks", name));

    /// <summary>A fresh, empty folder under artifacts/test-output/.</summary>
    public static string ScratchOutputFolder(string name) => Fresh(Path.Combine(Layout.ArtifactsDirectory, "test-output", name));

    private static string Fresh(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }
}
