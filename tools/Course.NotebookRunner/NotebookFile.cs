namespace Course.NotebookRunner;

/// <summary>One notebook to run.</summary>
/// <param name="FullPath">Absolute path of the source notebook.</param>
/// <param name="RelativePath">Repository-relative, forward slashes: what logs and tables show.</param>
/// <param name="OutputName">Path without extension under executed/ and site/: relative to notebooks/
/// for course notebooks (so the site mirrors the course), repository-relative for any other.</param>
public sealed record NotebookFile(string FullPath, string RelativePath, string OutputName)
{
    public static NotebookFile Create(RepositoryLayout layout, string fullPath)
    {
        fullPath = Path.GetFullPath(fullPath);
        var baseDirectory = RepositoryLayout.IsUnder(fullPath, layout.NotebooksDirectory)
            ? layout.NotebooksDirectory
            : layout.Root;
        var relativeToBase = RepositoryLayout.ToSlashes(Path.GetRelativePath(baseDirectory, fullPath));
        var outputName = relativeToBase[..^Path.GetExtension(relativeToBase).Length];
        return new NotebookFile(fullPath, layout.RelativePath(fullPath), outputName);
    }
}
