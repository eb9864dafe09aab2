using System.Collections.Concurrent;
using Course.Distributed.Transactions.Sagas;
using Course.Simulation;

namespace Course.Distributed.Messaging;

/// <summary>
/// The services' databases. A host opens its service's database when it starts and closes it when it stops; the
/// database outlives both, as a real service's database outlives its process, so a restarted service resumes from it.
/// </summary>
public partial class RabbitSagaDeployment
{
    /// <summary>Each service's database in memory, shared by its successive hosts: it outlives a crash as a real database would.</summary>
    private static Func<string, IDurableStorage> InMemory()
    {
        var databases = new ConcurrentDictionary<string, ConcurrentDurableStorage>(StringComparer.Ordinal);
        return endpoint => databases.GetOrAdd(endpoint, _ => new ConcurrentDurableStorage());
    }

    /// <summary>Reads a service's database (whether or not it runs), opened for the read and closed after.</summary>
    public T ReadStorage<T>(string endpoint, Func<IDurableStorage, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var storage = _openStorage(Known(endpoint));
        try
        {
            return read(storage);
        }
        finally
        {
            Close(storage);
        }
    }

    /// <summary>The simulator's audit, on the services' databases (each opened alongside its host, as a reader, and closed after).</summary>
    public SagaAudit Audit(bool requireComplete = true)
    {
        var opened = new List<IDurableStorage>();
        try
        {
            return SagaAuditor.Audit(Style, Shop, _orders, endpoint =>
            {
                var storage = _openStorage(endpoint);
                opened.Add(storage);
                return storage;
            }, requireComplete);
        }
        finally
        {
            foreach (var storage in opened) Close(storage);
        }
    }

    /// <summary>A database is closed when it is something to close (a file); one in memory stays as it is.</summary>
    private static void Close(IDurableStorage storage) => (storage as IDisposable)?.Dispose();
}
