namespace Course.Distributed.Linearizability;

public enum KeyValueOperation
{
    Get,
    Put,
    Append,
}

/// <summary>A request to the key/value service of MIT 6.5840's labs: Get(key), Put(key, value), Append(key, value).</summary>
public sealed record KeyValueInput(KeyValueOperation Operation, string Key, string Value)
{
    public static KeyValueInput Get(string key) => new(KeyValueOperation.Get, key, "");

    public static KeyValueInput Put(string key, string value) => new(KeyValueOperation.Put, key, value);

    public static KeyValueInput Append(string key, string value) => new(KeyValueOperation.Append, key, value);

    public override string ToString() => Operation switch
    {
        KeyValueOperation.Get => $"get(\"{Key}\")",
        KeyValueOperation.Put => $"put(\"{Key}\", \"{Value}\")",
        _ => $"append(\"{Key}\", \"{Value}\")",
    };
}
