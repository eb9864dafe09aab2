using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Microservices.Hosting;

/// <summary>
/// Makes a service misbehave on purpose, so retries, timeouts and the circuit breaker have something to act on:
/// the next <see cref="FailNext"/> requests answer 503, or each is delayed by <see cref="Delay"/>. Probes
/// (<c>/healthz</c>) and metrics scrapes (<c>/metrics</c>) are never touched. Thread-safe; a notebook cell flips it while the service runs.
/// </summary>
public sealed class FaultInjector
{
    private int _failuresLeft;
    private long _delayTicks;
    private long _failed;

    /// <summary>The next <paramref name="count"/> requests fail with 503 Service Unavailable.</summary>
    public void FailNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>Every request waits this long first (zero: none).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value >= TimeSpan.Zero ? value.Ticks : throw new ArgumentOutOfRangeException(nameof(value), value, "Delay must not be negative."));
    }

    /// <summary>Requests failed on purpose so far.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void Reset()
    {
        FailNext(0);
        Delay = TimeSpan.Zero;
    }

    public void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/metrics")) { await next(context); return; }
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
            if (TryTakeFailure())
            {
                Interlocked.Increment(ref _failed);
                await Results.Problem("Injected fault.", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
    }

    private bool TryTakeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failuresLeft);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left) return true;
        }
    }
}
