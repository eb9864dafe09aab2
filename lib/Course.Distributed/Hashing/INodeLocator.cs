namespace Course.Distributed.Hashing;

/// <summary>
/// Maps a key to the node that stores it. Locators are immutable: <see cref="WithNode"/> and
/// <see cref="WithoutNode"/> return a new locator, so a notebook can compare the placement before and after
/// a membership change (the "monotonicity" of Karger et al. 1997) key by key.
/// </summary>
public interface INodeLocator
{
    /// <summary>The nodes, in the order they were given.</summary>
    IReadOnlyList<string> Nodes { get; }

    /// <summary>The node for a key already hashed with <see cref="KeyHash.Of(string)"/> (or drawn by <see cref="KeyHash.SampleKeys"/>).</summary>
    string Locate(ulong keyHash);

    /// <summary>The node for <paramref name="key"/>: <c>Locate(KeyHash.Of(key))</c>.</summary>
    string Locate(string key);

    /// <summary>The same scheme with <paramref name="node"/> added.</summary>
    INodeLocator WithNode(string node);

    /// <summary>The same scheme with <paramref name="node"/> removed (jump hash can only remove the last bucket).</summary>
    INodeLocator WithoutNode(string node);
}
