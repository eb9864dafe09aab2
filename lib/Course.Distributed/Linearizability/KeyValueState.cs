using System.Collections;
using System.Text;

namespace Course.Distributed.Linearizability;

/// <summary>
/// An immutable map from keys to values, with a cached hash, for the key/value model. A key mapped to "" is
/// indistinguishable from a missing one (Get returns "" for both), so it is stored as missing: equal behaviour, equal state.
/// </summary>
public sealed class KeyValueState : IEquatable<KeyValueState>, IReadOnlyCollection<KeyValuePair<string, string>>
{
    private readonly string[] keys;
    private readonly string[] values;
    private readonly int hash;

    private KeyValueState(string[] keys, string[] values)
    {
        this.keys = keys;
        this.values = values;
        var h = new HashCode();
        for (var i = 0; i < keys.Length; i++)
        {
            h.Add(keys[i], StringComparer.Ordinal);
            h.Add(values[i], StringComparer.Ordinal);
        }

        hash = h.ToHashCode();
    }

    public static KeyValueState Empty { get; } = new([], []);

    public int Count => keys.Length;

    /// <summary>The value of <paramref name="key"/>, or "" if it has none.</summary>
    public string Get(string key)
    {
        var i = Array.BinarySearch(keys, key, StringComparer.Ordinal);
        return i >= 0 ? values[i] : "";
    }

    public KeyValueState Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var i = Array.BinarySearch(keys, key, StringComparer.Ordinal);
        if (i >= 0)
        {
            if (value.Length == 0)
                return new KeyValueState(Without(keys, i), Without(values, i));
            var newValues = (string[])values.Clone();
            newValues[i] = value;
            return new KeyValueState(keys, newValues);
        }

        return value.Length == 0 ? this : new KeyValueState(With(keys, ~i, key), With(values, ~i, value));
    }

    public bool Equals(KeyValueState? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (hash == other.hash && keys.AsSpan().SequenceEqual(other.keys) && values.AsSpan().SequenceEqual(other.values)));

    public override bool Equals(object? obj) => Equals(obj as KeyValueState);

    public override int GetHashCode() => hash;

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++)
            yield return new KeyValuePair<string, string>(keys[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < keys.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(keys[i]).Append(": \"").Append(values[i]).Append('"');
        return text.Append('}').ToString();
    }

    private static string[] With(string[] a, int at, string item)
    {
        var b = new string[a.Length + 1];
        Array.Copy(a, 0, b, 0, at);
        b[at] = item;
        Array.Copy(a, at, b, at + 1, a.Length - at);
        return b;
    }

    private static string[] Without(string[] a, int at)
    {
        var b = new string[a.Length - 1];
        Array.Copy(a, 0, b, 0, at);
        Array.Copy(a, at + 1, b, at, a.Length - at - 1);
        return b;
    }
}
