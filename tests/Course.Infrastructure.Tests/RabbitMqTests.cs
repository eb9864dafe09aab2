using System.Text;
using Course.Infrastructure.Tests.Support;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Course.Infrastructure.Tests;

/// <summary>One test per RabbitMQ start (5–8 s): publish, consume with manual acks, then stop and look for leftovers (epmd too).</summary>
public sealed class RabbitMqTests
{
    [SkippableFact]
    public async Task Publish_consume_and_ack_then_dispose_leaves_nothing_running()
    {
        var rabbit = await CourseServices.RabbitMqAsync();
        await using (rabbit)
        {
            Skip.If(!rabbit.IsAvailable, rabbit.Description);
            Assert.StartsWith("amqp://", rabbit.ConnectionString);

            var factory = new ConnectionFactory { Uri = new Uri(rabbit.ConnectionString) };
            await using (var connection = await factory.CreateConnectionAsync())
            await using (var channel = await connection.CreateChannelAsync())
            {
                var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: false)).QueueName;
                string[] sent = ["order-1", "order-2", "order-3"];
                foreach (var message in sent)
                    await channel.BasicPublishAsync("", queue, Encoding.UTF8.GetBytes(message));

                var received = new List<string>();
                var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += async (_, delivery) =>
                {
                    received.Add(Encoding.UTF8.GetString(delivery.Body.Span));
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
                    if (received.Count == sent.Length) all.TrySetResult();
                };
                var tag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
                await all.Task.WaitAsync(TimeSpan.FromSeconds(15));
                await channel.BasicCancelAsync(tag);

                Assert.Equal(sent, received);
                // Unacked messages would return to the queue when the consumer is cancelled; acked ones are gone.
                Assert.Equal(0u, (await channel.QueueDeclarePassiveAsync(queue)).MessageCount);
            }

            var assertNoLeaks = Leaks.ExpectNoneAfterDispose(rabbit);
            await rabbit.DisposeAsync();
            await assertNoLeaks();
        }
    }
}
