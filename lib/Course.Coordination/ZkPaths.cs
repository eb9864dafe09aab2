using Course.Infrastructure.ZooKeeper;

namespace Course.Coordination;

/// <summary>Path checks and helpers shared by the recipes.</summary>
internal static class ZkPaths
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> unless the path is absolute and well formed.</summary>
    public static string RequireAbsolute(string path, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        if (path.Length == 0 || path[0] != '/')
            throw new ArgumentException($"A ZooKeeper path is absolute and starts with '/': \"{path}\".", parameterName);
        if (path.Length > 1 && path[^1] == '/')
            throw new ArgumentException($"A ZooKeeper path does not end with '/': \"{path}\".", parameterName);
        if (path.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"A ZooKeeper path has no empty segments: \"{path}\".", parameterName);
        if (path == "/")
            throw new ArgumentException("Use a node below the root, not \"/\" itself.", parameterName);
        return path;
    }

    /// <summary>Creates <paramref name="path"/> and any missing parents as persistent nodes (like mkdir -p).</summary>
    public static async Task EnsureExistsAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        var at = 0;
        while (at < path.Length)
        {
            var next = path.IndexOf('/', at + 1);
            var prefix = next < 0 ? path : path[..next];
            try
            {
                await client.CreateAsync(prefix, null, CreateMode.Persistent, cancellationToken);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
            {
            }
            at = next < 0 ? path.Length : next;
        }
    }

    /// <summary>The 10-digit counter ZooKeeper appends to a sequential node's name.</summary>
    public static long Sequence(string name) => long.Parse(name.AsSpan(name.Length - 10));

    /// <summary>This recipe's children (those starting with <paramref name="prefix"/>), lowest sequence number first.</summary>
    public static List<string> SortedCandidates(IEnumerable<string> children, string prefix) =>
        children.Where(c => c.StartsWith(prefix, StringComparison.Ordinal) && c.Length >= prefix.Length + 10)
            .OrderBy(Sequence)
            .ToList();
}
