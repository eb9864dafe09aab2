using System.Text;

namespace Course.Distributed.Production;

/// <summary>
/// The one write of the replicated key-value store, the same on both clusters: "set key=value". Text, so it
/// reads well in a log dump; keys may not contain '=' (values may contain anything).
/// </summary>
public sealed record KvCommand(string Key, string Value)
{
    private const string Prefix = "set ";

    public static KvCommand Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Contains('=')) throw new ArgumentException("A key may not contain '='.", nameof(key));
        return new KvCommand(key, value);
    }

    public string ToText() => $"{Prefix}{Key}={Value}";

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToText());

    /// <summary>The command in <paramref name="text"/>, or null for anything else (e.g. a no-op entry).</summary>
    public static KvCommand? Parse(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var eq = text.IndexOf('=', Prefix.Length);
        return eq > Prefix.Length ? new KvCommand(text[Prefix.Length..eq], text[(eq + 1)..]) : null;
    }

    public static KvCommand? Parse(ReadOnlySpan<byte> utf8) => Parse(Encoding.UTF8.GetString(utf8));

    public override string ToString() => ToText();
}
