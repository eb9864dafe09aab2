using Course.LoadBalancing.Health;
using Course.Simulation;

namespace Course.LoadBalancing.ECommerce;

/// <summary>
/// Runs the shop in virtual time with one algorithm: Poisson arrivals (with bursts) hit the front end, which
/// routes each request to its tier, where a <see cref="LoadBalancer"/> — the policy under test plus the
/// scenario's health checks, outlier ejection and slow start — picks a server. Common random numbers: the
/// arrival times, users, tiers and work of every request come from seed-derived streams that do not depend
/// on the algorithm, so two algorithms face exactly the same traffic and only their choices differ.
/// </summary>
public static class ECommerceSimulation
{
    public static AlgorithmRun Run(ECommerceScenario scenario, Func<ILoadBalancingPolicy> policy, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policy);
        var sim = new Simulation<object>(seed, new SimulationOptions { TraceMessages = false, TraceCapacity = 0 });
        var duration = scenario.Workload.Duration;
        var tiers = scenario.Tiers.Select((t, i) => new Tier(t, policy(), scenario, sim, duration, DeterministicRandom.DeriveSeed(seed, 100 + i))).ToArray();
        var arrivals = new Random(DeterministicRandom.DeriveSeed(seed, 1));
        var records = new List<RequestRecord>();
        var totalShare = scenario.Tiers.Sum(t => t.Share);
        long arrived = 0;

        void Arrive()
        {
            var tier = tiers[PickTier(arrivals.NextDouble() * totalShare)];
            var user = $"user-{arrivals.Next(scenario.Workload.Users)}";
            var workMs = -Math.Log(1 - arrivals.NextDouble()) * tier.Spec.MeanServiceTime.TotalMilliseconds;   // exponential service demand
            tier.Handle(arrived++, user, workMs, records.Add);
            var next = NextGap();
            if (sim.Now + next < duration) sim.Schedule(next, Arrive);
        }

        int PickTier(double x)
        {
            for (var i = 0; i < tiers.Length - 1; i++)
                if ((x -= tiers[i].Spec.Share) < 0) return i;
            return tiers.Length - 1;
        }

        TimeSpan NextGap() => TimeSpan.FromSeconds(-Math.Log(1 - arrivals.NextDouble()) / scenario.Workload.RateAt(sim.Now));

        sim.Schedule(NextGap(), Arrive);
        if (scenario.HealthCheck is { } hc) ScheduleProbes(sim, hc.Interval, tiers, duration);
        sim.RunFor(duration + TimeSpan.FromSeconds(60));   // drain: every admitted request completes

        return new AlgorithmRun(tiers[0].Balancer.Policy.Name, seed, duration,
            records.OrderBy(r => r.Id).ToArray(),
            tiers.SelectMany(t => t.Usage()).ToArray(),
            tiers.SelectMany(t => t.Balancer.Pool.Events.Select(e => (t.Spec.Name, e))).OrderBy(p => p.e.At).ToArray());
    }

    /// <summary>Every algorithm on the same scenario and seed.</summary>
    public static IReadOnlyList<AlgorithmRun> Compare(ECommerceScenario scenario, int seed, IEnumerable<Func<ILoadBalancingPolicy>> policies) =>
        policies.Select(p => Run(scenario, p, seed)).ToArray();

    private static void ScheduleProbes(Simulation<object> sim, TimeSpan interval, Tier[] tiers, TimeSpan duration)
    {
        void Probe()
        {
            foreach (var t in tiers) t.Probe();
            if (sim.Now + interval < duration) sim.Schedule(interval, Probe);
        }
        sim.Schedule(interval, Probe);
    }

    /// <summary>One tier: its servers, its balancer, and the request path front end → server → front end.</summary>
    private sealed class Tier
    {
        private readonly Simulation<object> _sim;
        private readonly Random _policyRandom;
        private readonly TimeSpan _delay;
        private readonly TimeSpan _duration;
        private readonly Dictionary<BackendState, SimulatedServer> _servers = [];

        public Tier(TierSpec spec, ILoadBalancingPolicy policy, ECommerceScenario scenario, Simulation<object> sim, TimeSpan duration, int seed)
        {
            Spec = spec;
            _sim = sim;
            _delay = scenario.NetworkDelay;
            _duration = duration;
            _policyRandom = new Random(seed);
            var backends = spec.Servers.Select(s => new BackendState(s.Id, s.Weight, scenario.SlowStart)).ToArray();
            Balancer = new LoadBalancer(new BackendPool(backends, scenario.HealthCheck, scenario.OutlierDetection), policy);
            for (var i = 0; i < backends.Length; i++) _servers[backends[i]] = new SimulatedServer(spec.Servers[i], sim, duration);
        }

        public TierSpec Spec { get; }
        public LoadBalancer Balancer { get; }

        public void Handle(long id, string user, double workMs, Action<RequestRecord> record)
        {
            var start = _sim.Now;
            var ctx = new RequestContext(start, _policyRandom, user);
            var backend = Balancer.Start(ctx);
            if (backend is null)
            {
                record(new RequestRecord(id, start, Spec.Name, null, 0, 503));
                return;
            }
            _sim.Schedule(_delay, () => _servers[backend].Submit(workMs, status =>
                _sim.Schedule(_delay, () =>
                {
                    var latency = _sim.Now - start;
                    Balancer.Finish(backend, ctx, _sim.Now, new RequestOutcome(latency, status));
                    record(new RequestRecord(id, start, Spec.Name, backend.Id, latency.TotalMilliseconds, status));
                })));
        }

        public void Probe()
        {
            foreach (var (backend, server) in _servers)
                Balancer.Pool.ReportProbe(backend, !server.Spec.IsFailedAt(_sim.Now), _sim.Now);
        }

        public IEnumerable<ServerUsage> Usage() => _servers.Select(p => new ServerUsage(Spec.Name, p.Key.Id, p.Key.Started, p.Key.Failed,
            p.Value.BusyMs / (p.Value.Spec.Concurrency * _duration.TotalMilliseconds)));
    }
}
