using Course.Simulation;

namespace Course.Distributed.Messaging;

/// <summary>
/// A service's database for the RabbitMQ host: named blobs, each write atomic, safe to read from another thread
/// (the audit) while the host writes. It belongs to the deployment, not to the host process, so it outlives a
/// consumer that dies — as a real service's database outlives its process.
/// </summary>
public sealed class ConcurrentDurableStorage : IDurableStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public byte[]? Read(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) return _blobs.TryGetValue(key, out var v) ? (byte[])v.Clone() : null;
    }

    public void Write(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock) _blobs[key] = (byte[])value.Clone();
    }

    public void Delete(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) _blobs.Remove(key);
    }

    public long SizeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock) return _blobs.TryGetValue(key, out var v) ? v.Length : 0;
    }
}
