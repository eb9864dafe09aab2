namespace Course.Distributed.Messaging;

/// <summary>A message found in the dead-letter queue, with the broker's account of why (the x-death header).</summary>
public sealed record DeadLetteredMessage(string RoutingKey, string? MessageId, byte[] Body, string? Reason, string? FromQueue)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public override string ToString() => $"{MessageId ?? "(no id)"} '{RoutingKey}' from {FromQueue}: {Reason} — {Text}";
}
