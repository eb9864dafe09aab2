using System.Text;

namespace Course.Distributed.Cap;

/// <summary>How two versions relate under happens-before.</summary>
public enum Causality { Equal, Before, After, Concurrent }

/// <summary>
/// A version vector: for each replica, how many of the writes it accepted this version has seen (Parker et
/// al. 1983; DDIA ch. 5 "Version vectors"). Two versions neither of which has seen the other are concurrent:
/// written on opposite sides of a partition, or before replication caught up. Immutable.
/// </summary>
public sealed class VersionVector : IEquatable<VersionVector>
{
    private readonly SortedDictionary<int, long> _counters;

    private VersionVector(SortedDictionary<int, long> counters) => _counters = counters;

    public static VersionVector Empty { get; } = new(new SortedDictionary<int, long>());

    /// <summary>How many of <paramref name="actor"/>'s writes this version has seen (0 if none).</summary>
    public long this[int actor] => _counters.GetValueOrDefault(actor);

    public IReadOnlyDictionary<int, long> Counters => _counters;

    /// <summary>This version with <paramref name="actor"/>'s counter set to <paramref name="counter"/>.</summary>
    public VersionVector With(int actor, long counter)
    {
        if (counter < 0) throw new ArgumentOutOfRangeException(nameof(counter), counter, "A counter must not be negative.");
        var copy = new SortedDictionary<int, long>(_counters) { [actor] = counter };
        return new VersionVector(copy);
    }

    /// <summary>The least version that has seen everything either has seen (entry-wise maximum).</summary>
    public VersionVector Merge(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var copy = new SortedDictionary<int, long>(_counters);
        foreach (var (actor, counter) in other._counters)
            copy[actor] = Math.Max(counter, copy.GetValueOrDefault(actor));
        return new VersionVector(copy);
    }

    public Causality Compare(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        bool less = false, greater = false;
        foreach (var actor in _counters.Keys.Union(other._counters.Keys))
        {
            var (a, b) = (this[actor], other[actor]);
            less |= a < b;
            greater |= a > b;
        }
        return (less, greater) switch
        {
            (false, false) => Causality.Equal,
            (true, false) => Causality.Before,
            (false, true) => Causality.After,
            _ => Causality.Concurrent,
        };
    }

    /// <summary>True when this version happened strictly before <paramref name="other"/> (it is obsolete).</summary>
    public bool IsBefore(VersionVector other) => Compare(other) == Causality.Before;

    public bool Equals(VersionVector? other) => other is not null && Compare(other) == Causality.Equal;

    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (actor, counter) in _counters)
            if (counter != 0) { hash.Add(actor); hash.Add(counter); }
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var (actor, counter) in _counters.Where(c => c.Value != 0))
            text.Append(text.Length > 1 ? ", " : "").Append('r').Append(actor).Append(':').Append(counter);
        return text.Append('}').ToString();
    }
}
