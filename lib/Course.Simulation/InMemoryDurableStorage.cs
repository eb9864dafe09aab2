namespace Course.Simulation;

/// <summary>The simulator's disk: survives a node's crash and restart, copies every blob in and out.</summary>
public sealed class InMemoryDurableStorage : IDurableStorage
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public long Writes { get; private set; }
    public long BytesWritten { get; private set; }

    public byte[]? Read(string key) => _blobs.TryGetValue(key, out var v) ? (byte[])v.Clone() : null;

    public void Write(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _blobs[key] = (byte[])value.Clone();
        Writes++;
        BytesWritten += value.Length;
    }

    public void Delete(string key) => _blobs.Remove(key);

    public long SizeOf(string key) => _blobs.TryGetValue(key, out var v) ? v.Length : 0;

    public IReadOnlyCollection<string> Keys => _blobs.Keys;
}
