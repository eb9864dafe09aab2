namespace Course.Notebooks;

/// <summary>One arrow of a message-sequence chart: sent at <see cref="Sent"/>, delivered at <see cref="Delivered"/> (null: lost).</summary>
public sealed record SequenceMessage(string From, string To, double Sent, double? Delivered, string Label);
