using System.Text.RegularExpressions;
using Course.Distributed.Transactions.Sagas;
using RabbitMQ.Client;

namespace Course.Distributed.Messaging;

/// <summary>
/// The broker objects of one saga deployment, all named under <see cref="Prefix"/> so deployments sharing a
/// broker never meet: a topic exchange where every message is published with its kind as routing key; one
/// durable queue per service, bound to the kinds it consumes (<see cref="SagaRoutes"/>) — the routing table
/// of the simulator, as bindings; and a dead-letter exchange and queue, where a queue sends what a consumer
/// rejects without requeueing (poison messages).
/// </summary>
public sealed partial class RabbitTopology
{
    public RabbitTopology(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!NameRule().IsMatch(prefix))
            throw new ArgumentException("prefix must be 1–64 characters of a–z, 0–9, '.', '-' or '_'.", nameof(prefix));
        Prefix = prefix;
    }

    public string Prefix { get; }
    public string Exchange => $"{Prefix}.saga";
    public string DeadLetterExchange => $"{Prefix}.dead-letter";
    public string DeadLetterQueue => $"{Prefix}.dead-letters";

    public string QueueOf(string endpoint) => $"{Prefix}.{endpoint}";

    /// <summary>Declares the exchanges, the dead-letter queue, and a queue per endpoint bound to what it consumes.</summary>
    public async Task DeclareAsync(IChannel channel, SagaRoutes routes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(routes);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?> { ["x-dead-letter-exchange"] = DeadLetterExchange };
        foreach (var endpoint in routes.Endpoints)
            await channel.QueueDeclareAsync(QueueOf(endpoint), durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var (kind, endpoints) in routes.ByKind)
            foreach (var endpoint in endpoints)
                await channel.QueueBindAsync(QueueOf(endpoint), Exchange, kind, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes everything <see cref="DeclareAsync"/> made.</summary>
    public async Task DeleteAsync(IChannel channel, SagaRoutes routes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var endpoint in routes.Endpoints)
            await channel.QueueDeleteAsync(QueueOf(endpoint), ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeleteAsync(DeadLetterQueue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeleteAsync(Exchange, ifUnused: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeleteAsync(DeadLetterExchange, ifUnused: false, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() => $"exchange {Exchange}, queues {Prefix}.<endpoint>, dead letters {DeadLetterQueue}";

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex NameRule();
}
