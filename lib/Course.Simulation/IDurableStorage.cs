namespace Course.Simulation;

/// <summary>
/// What a node keeps across a crash: named byte blobs, written atomically. Bytes rather than objects on
/// purpose — a node cannot keep a reference to "persisted" state and mutate it later by accident, and the
/// sizes are real (the 6.5840 snapshot tests bound the persisted state's size).
/// </summary>
public interface IDurableStorage
{
    byte[]? Read(string key);
    void Write(string key, byte[] value);
    void Delete(string key);
    /// <summary>Bytes currently stored under <paramref name="key"/> (0 when absent).</summary>
    long SizeOf(string key);
}
