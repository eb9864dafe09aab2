using Course.Infrastructure;

namespace Course.Tests.Shared;

/// <summary>
/// One real server (from <see cref="CourseServices"/>) shared by the tests of an xunit collection: starting RabbitMQ costs
/// ~6 s, Redis 0.1 s, so a collection starts it once and each test uses its own prefixed keys, queues or topics. Started with
/// a bounded wait; stopped when the collection ends. Linked into the test projects that need it (see their .csproj).
/// </summary>
public abstract class RunningServer(Func<CancellationToken, Task<ServiceEndpoint>> start, TimeSpan startTimeout) : IAsyncLifetime
{
    public ServiceEndpoint Endpoint { get; private set; } = null!;

    /// <summary>Skips the calling test, with the reason, when the server could not be started here.</summary>
    public void SkipIfUnavailable() => Skip.If(!Endpoint.IsAvailable, Endpoint.Description);

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(startTimeout);
        Endpoint = await start(timeout.Token);
    }

    public async Task DisposeAsync() => await Endpoint.DisposeAsync();
}

/// <summary>A RabbitMQ broker for a collection.</summary>
public class RabbitMqServer() : RunningServer(CourseServices.RabbitMqAsync, TimeSpan.FromSeconds(90))
{
    public ServiceEndpoint Broker => Endpoint;
}
