using Course.Distributed.Linearizability;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>Short names for writing histories by hand, as in the papers' figures.</summary>
internal static class Reg
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public static Operation<RegisterInput, int> W(int client, int value, long call, long ret) =>
        new(client, RegisterInput.Write(value), 0, call, ret);

    public static Operation<RegisterInput, int> R(int client, int value, long call, long ret) =>
        new(client, RegisterInput.Read, value, call, ret);

    public static Operation<RegisterInput, int> PendingW(int client, int value, long call) =>
        Operation<RegisterInput, int>.Pending(client, RegisterInput.Write(value), call);

    public static Operation<RegisterInput, int> PendingR(int client, long call) =>
        Operation<RegisterInput, int>.Pending(client, RegisterInput.Read, call);

    public static LinearizabilityResult<RegisterInput, int> Check(params Operation<RegisterInput, int>[] history) =>
        LinearizabilityChecker.Check(new RegisterModel(), history, Budget);
}

internal static class Kv
{
    public static Operation<KeyValueInput, string?> Get(int client, string key, string value, long call, long ret) =>
        new(client, KeyValueInput.Get(key), value, call, ret);

    public static Operation<KeyValueInput, string?> Put(int client, string key, string value, long call, long ret) =>
        new(client, KeyValueInput.Put(key, value), null, call, ret);

    public static Operation<KeyValueInput, string?> Append(int client, string key, string value, long call, long ret, string? old = null) =>
        new(client, KeyValueInput.Append(key, value), old, call, ret);

    public static Operation<KeyValueInput, string?> PendingAppend(int client, string key, string value, long call) =>
        Operation<KeyValueInput, string?>.Pending(client, KeyValueInput.Append(key, value), call);

    public static LinearizabilityResult<KeyValueInput, string?> Check(params Operation<KeyValueInput, string?>[] history) =>
        LinearizabilityChecker.Check(new KeyValueModel(), history, Reg.Budget);
}
