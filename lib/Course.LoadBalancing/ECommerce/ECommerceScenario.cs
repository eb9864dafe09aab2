using Course.LoadBalancing.Health;

namespace Course.LoadBalancing.ECommerce;

/// <summary>
/// The whole set-up: the tiers behind the front end, the workload, and the health machinery every algorithm
/// gets (the same for all, so only the algorithm differs between runs).
/// </summary>
public sealed record ECommerceScenario(
    IReadOnlyList<TierSpec> Tiers,
    Workload Workload,
    ActiveHealthCheck? HealthCheck,
    OutlierDetection? OutlierDetection,
    SlowStart? SlowStart = null)
{
    /// <summary>One way front end ↔ tier server (a same-zone hop).</summary>
    public TimeSpan NetworkDelay { get; init; } = TimeSpan.FromMilliseconds(0.5);

    /// <summary>
    /// The course's default shop. Catalog (60% of requests, 20 ms): two standard servers, an old one at half
    /// speed and a new one at 1.5×, and c2 becomes 6× slower at 20 s. Cart (30%, 10 ms): three equal servers,
    /// k3 fails from 30 s to 45 s. Checkout (10%, 50 ms): one standard, one at 0.7×. 800 requests/s with two
    /// 3-second bursts at 1.5×, for 60 s: about 75% utilisation on average, more than 100% on some servers
    /// for an algorithm that ignores speed.
    /// </summary>
    public static ECommerceScenario Default(TimeSpan? duration = null, double ratePerSecond = 800) => new(
        [
            new("catalog", 0.6, TimeSpan.FromMilliseconds(20),
            [
                new ServerSpec("c1", 1.0, weight: 2),
                new ServerSpec("c2", 1.0, weight: 2) { Degrades = (TimeSpan.FromSeconds(20), 6) },
                new ServerSpec("c3", 0.5, weight: 1),
                new ServerSpec("c4", 1.5, weight: 3),
            ]),
            new("cart", 0.3, TimeSpan.FromMilliseconds(10),
            [
                new ServerSpec("k1"), new ServerSpec("k2"),
                new ServerSpec("k3") { Fails = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45)) },
            ]),
            new("checkout", 0.1, TimeSpan.FromMilliseconds(50),
            [
                new ServerSpec("x1", 1.0, weight: 10), new ServerSpec("x2", 0.7, weight: 7),
            ]),
        ],
        new Workload(ratePerSecond, duration ?? TimeSpan.FromSeconds(60),
            [new Burst(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(18), 1.5), new Burst(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(43), 1.5)]),
        new ActiveHealthCheck(TimeSpan.FromSeconds(2), rise: 2, fall: 3),
        new OutlierDetection(consecutive5xx: 5, baseEjectionTime: TimeSpan.FromSeconds(10), maxEjectionPercent: 50),
        new SlowStart(TimeSpan.FromSeconds(5)));
}
