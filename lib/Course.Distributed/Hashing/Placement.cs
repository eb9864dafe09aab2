namespace Course.Distributed.Hashing;

/// <summary>
/// How evenly a locator spreads keys: the max/mean load is the figure consistent-hashing papers plot
/// (Karger et al. 1997; Mirrokni et al. 2018 bound it by 1+ε).
/// </summary>
public sealed record LoadReport(int Keys, IReadOnlyDictionary<string, int> LoadByNode, double Mean, int Min, int Max)
{
    public int Nodes => LoadByNode.Count;
    public double MaxOverMean => Max / Mean;
    public double MinOverMean => Min / Mean;

    /// <summary>Standard deviation of the loads over their mean (coefficient of variation).</summary>
    public double RelativeStdDev => Math.Sqrt(LoadByNode.Values.Sum(l => (l - Mean) * (l - Mean)) / Nodes) / Mean;
}

/// <summary>
/// What a membership change cost: the keys that changed owner against the minimum any scheme must move,
/// |changed nodes| / max(n before, n after) (1/(n+1) for one node added to n, 1/n for one removed).
/// <see cref="Needless"/> counts keys that moved between two nodes present both before and after:
/// zero for a ring, rendezvous and jump hash, a few for Maglev and bounded loads.
/// </summary>
public sealed record MovementReport(int Keys, int Moved, int Needless, double IdealFraction)
{
    public double MovedFraction => (double)Moved / Keys;

    /// <summary>Moved keys over the ideal: 1.0 is optimal.</summary>
    public double OverIdeal => MovedFraction / IdealFraction;
}

/// <summary>The measures, over key hashes (from <see cref="KeyHash.SampleKeys"/> or <see cref="KeyHash.Of(string)"/>).</summary>
public static class Placement
{
    public static LoadReport Load(INodeLocator locator, IReadOnlyList<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) throw new ArgumentException("Need at least one key to measure a load.", nameof(keys));
        var loads = locator.Nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var k in keys) loads[locator.Locate(k)]++;
        return new(keys.Count, loads, (double)keys.Count / loads.Count, loads.Values.Min(), loads.Values.Max());
    }

    public static MovementReport Movement(INodeLocator before, INodeLocator after, IReadOnlyList<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) throw new ArgumentException("Need at least one key to measure movement.", nameof(keys));
        var old = before.Nodes.ToHashSet(StringComparer.Ordinal);
        var now = after.Nodes.ToHashSet(StringComparer.Ordinal);
        var changed = old.Count(n => !now.Contains(n)) + now.Count(n => !old.Contains(n));
        int moved = 0, needless = 0;
        foreach (var k in keys)
        {
            var a = before.Locate(k);
            var b = after.Locate(k);
            if (a == b) continue;
            moved++;
            if (now.Contains(a) && old.Contains(b)) needless++;
        }
        return new(keys.Count, moved, needless, (double)changed / Math.Max(old.Count, now.Count));
    }
}
