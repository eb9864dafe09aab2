using System.Text;
using RabbitMQ.Client;

namespace Course.Distributed.Messaging;

/// <summary>A message found in the dead-letter queue, with the broker's account of why (the x-death header).</summary>
public sealed record DeadLetteredMessage(string RoutingKey, string? MessageId, byte[] Body, string? Reason, string? FromQueue)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>
    /// Reads a message taken from a dead-letter queue. RabbitMQ records each dead-lettering in the <c>x-death</c>
    /// header, newest first: the reason (rejected, expired, maxlen, delivery_limit) and the queue it died in.
    /// </summary>
    public static DeadLetteredMessage From(BasicGetResult got)
    {
        ArgumentNullException.ThrowIfNull(got);
        var death = (Header(got.BasicProperties.Headers, "x-death") as IEnumerable<object>)?.FirstOrDefault() as IDictionary<string, object?>;
        return new DeadLetteredMessage(got.RoutingKey, got.BasicProperties.MessageId, got.Body.ToArray(),
            AsText(Header(death, "reason")), AsText(Header(death, "queue")));
    }

    public override string ToString() => $"{MessageId ?? "(no id)"} '{RoutingKey}' from {FromQueue}: {Reason} — {Text}";

    private static object? Header(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) ? value : null;

    // AMQP long strings arrive as byte[].
    private static string? AsText(object? header) => header switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        null => null,
        _ => header.ToString(),
    };
}
