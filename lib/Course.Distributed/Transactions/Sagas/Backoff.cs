namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Exponential backoff with jitter (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog 2015):
/// the n-th retry waits a random time in [c/2, c] where c = min(<see cref="Max"/>, <see cref="Initial"/>·2ⁿ)
/// ("equal jitter"). Doubling spares a struggling service; the randomness keeps many retriers from coming back
/// in lockstep; the floor of c/2 keeps a retry from coming before an answer could have.
/// </summary>
public sealed record Backoff
{
    public Backoff(TimeSpan initial, TimeSpan max)
    {
        if (initial <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initial), initial, "initial must be positive.");
        if (max < initial) throw new ArgumentOutOfRangeException(nameof(max), max, "max must be at least initial.");
        Initial = initial;
        Max = max;
    }

    public TimeSpan Initial { get; }
    public TimeSpan Max { get; }

    /// <summary>The cap of retry <paramref name="attempt"/> (0 for the first retry): min(Max, Initial·2^attempt).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        if (attempt < 0) throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "attempt must not be negative.");
        var ticks = Initial.Ticks * Math.Pow(2, Math.Min(attempt, 40));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How long to wait before retry <paramref name="attempt"/>: uniform in [Ceiling/2, Ceiling].</summary>
    public TimeSpan Delay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Ceiling(attempt).Ticks;
        return TimeSpan.FromTicks(ceiling / 2 + (long)(random.NextDouble() * (ceiling - ceiling / 2)));
    }

    public override string ToString() => $"exponential {Initial.TotalMilliseconds}–{Max.TotalMilliseconds} ms, equal jitter";
}
