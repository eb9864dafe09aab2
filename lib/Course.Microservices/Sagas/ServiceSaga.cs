using Course.Simulation;
using Course.Distributed.Messaging;
using Course.Distributed.Transactions.Sagas;

namespace Course.Microservices.Sagas;

/// <summary>
/// The order saga of week 2 run as separate services over a real RabbitMQ, in either style — an orchestrator service
/// sending commands (<see cref="SagaStyle.Orchestrated"/>) or services reacting to each other's events
/// (<see cref="SagaStyle.Choreographed"/>) — with the same handlers (<see cref="SagaServices.For"/>) and the same
/// deployment as week 2 (<see cref="RabbitSagaDeployment"/>: manual acks, publisher confirms, dead letters), but each
/// service's state, dedupe record and outbox in <em>its own SQLite file</em>. Stopping a service is a crash that closes
/// its file; starting it again reopens it. The audit reads the files. Dispose to stop all.
/// </summary>
public sealed class ServiceSaga : RabbitSagaDeployment
{
    private ServiceSaga(string connectionString, SagaStyle style, string dataDirectory, ShopConfiguration? shop, SagaOptions? options, RabbitHostOptions? hostOptions)
        : base(connectionString, style, shop, options, hostOptions, prefix: $"ms-{style.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30],
            openStorage: endpoint => new SqliteDurableStorage(FileOf(dataDirectory, endpoint)))
    {
        if (!Directory.Exists(dataDirectory)) throw new ArgumentException($"The data folder '{dataDirectory}' does not exist.", nameof(dataDirectory));
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>The SQLite file of <paramref name="endpoint"/>: the service's database.</summary>
    public string DatabaseOf(string endpoint) => FileOf(DataDirectory, Known(endpoint));

    private static string FileOf(string dataDirectory, string endpoint) => Path.Combine(dataDirectory, $"{endpoint}.db");

    /// <summary>Declares the saga's exchange and queues and starts every service on its file in <paramref name="dataDirectory"/> (which must exist).</summary>
    public static async Task<ServiceSaga> StartAsync(string connectionString, SagaStyle style, string dataDirectory, ShopConfiguration? shop = null,
        SagaOptions? options = null, RabbitHostOptions? hostOptions = null, CancellationToken cancellationToken = default)
    {
        var saga = new ServiceSaga(connectionString, style, dataDirectory, shop, options, hostOptions);
        await saga.DeployAsync(cancellationToken).ConfigureAwait(false);
        return saga;
    }

    /// <summary>
    /// Hides the base class's factory, which <c>ServiceSaga.StartAsync(connection, style)</c> would otherwise call: it
    /// returns an in-memory <see cref="RabbitSagaDeployment"/>, not a saga of services on their own files.
    /// </summary>
    [Obsolete("A ServiceSaga keeps each service's state in its own file: call StartAsync(connectionString, style, dataDirectory, …). For the in-memory week-2 deployment, call RabbitSagaDeployment.StartAsync.", error: true)]
    public static new Task<RabbitSagaDeployment> StartAsync(string connectionString, SagaStyle style, ShopConfiguration? shop = null,
        SagaOptions? options = null, RabbitHostOptions? hostOptions = null, string? prefix = null,
        Func<string, IDurableStorage>? openStorage = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Call StartAsync(connectionString, style, dataDirectory, …).");

    /// <summary>Starts a wire tap on this saga's exchange (dispose it when done): every message, in order, for a sequence diagram.</summary>
    public Task<SagaTap> TapAsync(CancellationToken cancellationToken = default) => SagaTap.StartAsync(ConnectionString, Topology, Routes, cancellationToken);
}
