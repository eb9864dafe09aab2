using System.Runtime.CompilerServices;

namespace Course.Notebooks;

/// <summary>
/// <c>#r</c> of a DLL exposes to notebook cells only the assemblies that DLL references in its metadata,
/// and the compiler drops references it does not use. Naming one type of each package here keeps the
/// reference, so cells can use these packages directly (otherwise: CS0234).
/// </summary>
internal static class ExposedAssemblies
{
    public static readonly Type[] Types =
    [
        typeof(Plotly.NET.CSharp.Chart),              // Plotly.NET's C# API for cells
        typeof(XPlot.Plotly.Chart),                   // XPlot charts
        typeof(Course.Infrastructure.CourseServices), // real servers for hands-on cells
        typeof(StackExchange.Redis.ConnectionMultiplexer),
        typeof(RabbitMQ.Client.ConnectionFactory),
        typeof(Confluent.Kafka.ProducerConfig),
        typeof(Course.Distributed.Messaging.RabbitSagaDeployment), // sagas over a real RabbitMQ
        typeof(Course.Coordination.LeaderElection),                // ZooKeeper recipes and Kafka helpers
        typeof(Course.Gateway.L7Gateway),                          // YARP gateway, L4 proxy, HAProxy, API gateway
        typeof(Course.Caching.Stores.SqliteStore),                 // write strategies: Redis in front of SQLite
        typeof(Course.Caching.ICache<,>),                          // eviction policies, workloads, the concurrent LRU
        typeof(Microsoft.Data.Sqlite.SqliteConnection),
        typeof(Course.Queues.Rabbit.RabbitBroker),                 // message queues: RabbitMQ and Kafka
        typeof(Course.MachineLearning.Data.Matrix),                // ML weeks: datasets, regression, the network
        typeof(TorchSharp.torch),                                  // ML week 2: TorchSharp side by side
        typeof(Microsoft.ML.MLContext),                            // ML week 2: ML.NET side by side
        typeof(Course.Observability.TelemetryLab),                // observability week: tracing, metrics, logs
        typeof(Course.Microservices.MicroserviceSystem),           // microservices week 1: services, gateway, sidecar, saga
    ];

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Touch() => GC.KeepAlive(Types);
}
