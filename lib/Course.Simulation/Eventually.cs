namespace Course.Simulation;

/// <summary>
/// Waiting on the real world (a broker, a server, another thread), bounded: re-check a condition every <c>every</c> until it
/// holds or <c>timeout</c> passes, then say which. The simulator never needs this — its time is virtual — but every test,
/// notebook cell and helper that talks to real processes does, and a wait without a bound is a hung CI run.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>True as soon as <paramref name="condition"/> holds; false if it still does not after <paramref name="timeout"/>.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), timeout, every, cancellationToken);
    }

    /// <summary>The same with a condition that must itself ask something (a query, a request).</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition().ConfigureAwait(false)) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(every ?? DefaultInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
