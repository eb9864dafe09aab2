namespace Course.Distributed.Tests.Transport;

/// <summary>Tests that run real sockets and clocks share one collection, so they do not compete for the 2 cores.</summary>
[CollectionDefinition(Collection)]
public sealed class RealNetwork
{
    public const string Collection = "Real network";

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(10);
        }
    }
}
