namespace Course.Distributed.Hashing;

/// <summary>The checks every locator makes on its node list, so bad input fails where it is given.</summary>
internal static class NodeSet
{
    public static string[] Validate(IEnumerable<string> nodes, string paramName)
    {
        ArgumentNullException.ThrowIfNull(nodes, paramName);
        var list = nodes.ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one node is needed.", paramName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in list)
        {
            if (string.IsNullOrEmpty(n)) throw new ArgumentException("Node ids must be non-empty.", paramName);
            if (!seen.Add(n)) throw new ArgumentException($"Duplicate node id '{n}'.", paramName);
        }
        return list;
    }

    public static string[] Adding(IReadOnlyList<string> nodes, string node)
    {
        if (string.IsNullOrEmpty(node)) throw new ArgumentException("Node ids must be non-empty.", nameof(node));
        if (nodes.Contains(node, StringComparer.Ordinal)) throw new ArgumentException($"Node '{node}' is already present.", nameof(node));
        return [.. nodes, node];
    }

    public static string[] Removing(IReadOnlyList<string> nodes, string node)
    {
        if (!nodes.Contains(node, StringComparer.Ordinal)) throw new ArgumentException($"Node '{node}' is not present.", nameof(node));
        if (nodes.Count == 1) throw new ArgumentException($"Cannot remove '{node}', the last node.", nameof(node));
        return nodes.Where(n => n != node).ToArray();
    }
}
