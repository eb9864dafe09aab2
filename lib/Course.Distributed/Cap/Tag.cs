namespace Course.Distributed.Cap;

/// <summary>
/// ABD's version tag: a number, ties broken by the writing coordinator's index (the multi-writer register
/// of Lynch &amp; Shvartsman 1997). A write picks a number above every tag a majority reported, so tags
/// grow along real time and any two majorities agree on which value is newest. Tags must be unique: a
/// coordinator running two writes at once gives them different numbers (see <see cref="AbdReplica"/>).
/// </summary>
public readonly record struct Tag(long Number, int Writer) : IComparable<Tag>
{
    /// <summary>The tag of a key nobody has written (its value is "").</summary>
    public static Tag Initial { get; } = new(0, -1);

    public int CompareTo(Tag other) => Number != other.Number ? Number.CompareTo(other.Number) : Writer.CompareTo(other.Writer);

    public static bool operator >(Tag a, Tag b) => a.CompareTo(b) > 0;
    public static bool operator <(Tag a, Tag b) => a.CompareTo(b) < 0;
    public static bool operator >=(Tag a, Tag b) => a.CompareTo(b) >= 0;
    public static bool operator <=(Tag a, Tag b) => a.CompareTo(b) <= 0;

    public override string ToString() => $"({Number},r{Writer})";
}

/// <summary>A value together with its tag, as each ABD replica stores it, and (for measuring only) its causal history.</summary>
public sealed record TaggedValue(Tag Tag, string Value, CausalHistory History)
{
    public static TaggedValue Initial { get; } = new(Tag.Initial, "", CausalHistory.Empty);
}
