namespace Course.Distributed.Storage;

/// <summary>Absolute, slash-separated paths ("/logs/2003/web.log"): no empty, "." or ".." segments, no trailing slash.</summary>
public static class DfsPath
{
    public const string Root = "/";

    public static bool IsValid(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/') return false;
        if (path == Root) return true;
        if (path[^1] == '/') return false;
        foreach (var segment in path[1..].Split('/'))
            if (segment is "" or "." or ".." || segment.Any(char.IsControl)) return false;
        return true;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> unless the path is valid.</summary>
    public static string Check(string? path, string parameterName)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path must not be empty.", parameterName);
        if (!IsValid(path))
            throw new ArgumentException($"\"{path}\" is not a valid path: absolute, '/'-separated, without empty, '.' or '..' parts or a trailing '/'.", parameterName);
        return path;
    }

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    public static string Name(string path) => path == Root ? Root : path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The path's ancestors, root first, excluding the path itself.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        var chain = new List<string>();
        for (var p = path; p != Root; p = Parent(p)) chain.Add(Parent(p));
        chain.Reverse();
        return chain;
    }
}
