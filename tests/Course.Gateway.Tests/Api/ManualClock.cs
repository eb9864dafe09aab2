namespace Course.Gateway.Tests.Api;

/// <summary>A clock the test moves by hand (only "now"; timers stay real), so a 30 s circuit break passes in no time.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
