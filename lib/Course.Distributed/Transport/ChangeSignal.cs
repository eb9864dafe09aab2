namespace Course.Distributed.Transport;

/// <summary>
/// Wakes async waiters when something changed (an entry applied, a node killed), so waits react at once
/// instead of polling. Take <see cref="Next"/> before checking the condition, then await it: no wake-up is missed.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>Waits for the next pulse or the deadline, whichever is first; false at the deadline.</summary>
    public static async Task<bool> WaitAsync(Task next, DateTime deadlineUtc)
    {
        var left = deadlineUtc - DateTime.UtcNow;
        if (left <= TimeSpan.Zero) return false;
        try
        {
            await next.WaitAsync(left).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException) { return false; }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
