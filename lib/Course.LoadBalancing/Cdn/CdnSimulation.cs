using Course.Simulation;

namespace Course.LoadBalancing.Cdn;

/// <summary>
/// A CDN in virtual time: Poisson requests from users in each region go to one of their region's edges, which
/// answer from cache or fetch from the next tier (the regional cache when tiered, else the origin). Fills and
/// background revalidations complete at once (no request collapsing window): the run measures placement and
/// freshness, not queueing. Same seed, same run.
/// </summary>
public static class CdnSimulation
{
    public static CdnRun Run(CdnConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sim = new Simulation<object>(seed, new SimulationOptions { TraceMessages = false, TraceCapacity = 0 });
        var state = new Experiment(config, seed, sim);
        state.Start();
        sim.RunFor(config.Duration);
        return state.Result();
    }

    private sealed class Experiment
    {
        private readonly CdnConfig _c;
        private readonly Simulation<object> _sim;
        private readonly Random _requests, _updates;
        private readonly ZipfSampler _zipf;
        private readonly int[] _version;                   // the origin's current version of each object
        private readonly (CdnRegion Region, CacheNode[] Edges, CacheNode Regional)[] _regions;
        private readonly Dictionary<ServedFrom, int> _servedBy = Enum.GetValues<ServedFrom>().ToDictionary(s => s, _ => 0);
        private readonly List<double> _latencies = [];
        private readonly int[] _bucketRequests, _bucketHits, _bucketOrigin;
        private int _originFetches, _stale;

        public Experiment(CdnConfig c, int seed, Simulation<object> sim)
        {
            _c = c;
            _sim = sim;
            _requests = new Random(DeterministicRandom.DeriveSeed(seed, 1));
            _updates = new Random(DeterministicRandom.DeriveSeed(seed, 2));
            _zipf = new ZipfSampler(c.Objects, c.ZipfExponent);
            _version = new int[c.Objects];
            _regions = c.Regions.Select(r =>
            {
                var regional = new CacheNode($"{r.Name}-regional", null);
                var parent = c.Tiered ? regional : null;
                return (r, Enumerable.Range(1, r.Edges).Select(i => new CacheNode($"{r.Name}-edge-{i}", parent)).ToArray(), regional);
            }).ToArray();
            var buckets = (int)Math.Ceiling(c.Duration / c.Bucket);
            (_bucketRequests, _bucketHits, _bucketOrigin) = (new int[buckets], new int[buckets], new int[buckets]);
        }

        public void Start()
        {
            if (_c.Fill == FillMode.Push) PushAll();
            _sim.Schedule(Gap(_requests, _c.RequestsPerSecond), Request);
            if (_c.MeanUpdateInterval is { } u) _sim.Schedule(Gap(_updates, _c.Objects / u.TotalSeconds), Update);
            foreach (var at in _c.Purges.Where(p => p < _c.Duration)) _sim.Schedule(at, PurgeAll);
        }

        private static TimeSpan Gap(Random r, double ratePerSecond) => TimeSpan.FromSeconds(-Math.Log(1 - r.NextDouble()) / ratePerSecond);

        private void Request()
        {
            var region = PickRegion(_requests.NextDouble() * _c.Regions.Sum(r => r.UserShare));
            var edge = region.Edges[_requests.Next(region.Edges.Length)];
            var obj = _zipf.Sample(_requests);
            var variant = _requests.Next(_c.QueryVariants);
            var key = _c.CacheKey == CacheKeyPolicy.IgnoreQuery || _c.QueryVariants == 1 ? $"/o/{obj}" : $"/o/{obj}?utm={variant}";

            var (entry, from, latency) = Fetch(edge, region.Region, key, obj, viaEdge: true);
            latency += region.Region.UserToEdge;
            _servedBy[from]++;
            _latencies.Add(latency.TotalMilliseconds);
            if (entry.Version < _version[obj]) _stale++;
            var b = Bucket();
            _bucketRequests[b]++;
            if (from is ServedFrom.Edge or ServedFrom.EdgeStale) _bucketHits[b]++;
            _sim.Schedule(Gap(_requests, _c.RequestsPerSecond), Request);
        }

        /// <summary>Looks <paramref name="key"/> up at <paramref name="node"/>, fetching from the next tier on a miss.</summary>
        private (CacheEntry Entry, ServedFrom From, TimeSpan Latency) Fetch(CacheNode? node, CdnRegion region, string key, int obj, bool viaEdge)
        {
            if (node is null) return FromOrigin(region, obj);
            var now = _sim.Now;
            var hop = viaEdge ? TimeSpan.Zero : region.EdgeToRegional;
            var hit = viaEdge ? ServedFrom.Edge : ServedFrom.Regional;
            if (node.TryGet(key, out var entry))
            {
                if (now < entry.ExpiresAt) return (entry, hit, hop);
                if (now < entry.ExpiresAt + _c.StaleWhileRevalidate)
                {
                    // RFC 5861: answer now with the stale copy, refresh behind the user's back.
                    node.Put(key, Parent(node, region, key, obj).Entry);
                    return (entry, viaEdge ? ServedFrom.EdgeStale : ServedFrom.Regional, hop);
                }
            }
            var (fresh, from, latency) = Parent(node, region, key, obj);
            node.Put(key, fresh);
            return (fresh, from, hop + latency);
        }

        private (CacheEntry Entry, ServedFrom From, TimeSpan Latency) Parent(CacheNode node, CdnRegion region, string key, int obj) =>
            node.Parent is { } p ? Fetch(p, region, key, obj, viaEdge: false) : FromOrigin(region, obj);

        private (CacheEntry, ServedFrom, TimeSpan) FromOrigin(CdnRegion region, int obj)
        {
            _originFetches++;
            _bucketOrigin[Bucket()]++;
            return (new CacheEntry(_version[obj], _sim.Now + _c.Ttl), ServedFrom.Origin, region.ToOrigin + _c.OriginProcessing);
        }

        private void Update()
        {
            var obj = _updates.Next(_c.Objects);
            _version[obj]++;
            if (_c.Fill == FillMode.Push) Push(obj);
            _sim.Schedule(Gap(_updates, _c.Objects / _c.MeanUpdateInterval!.Value.TotalSeconds), Update);
        }

        /// <summary>Push: the origin sends each object to every edge ahead of demand; pushed copies never expire (updates are pushed too).</summary>
        private void PushAll()
        {
            for (var obj = 0; obj < _c.Objects; obj++) Push(obj);
        }

        private void Push(int obj)
        {
            foreach (var (_, edges, _) in _regions)
                foreach (var e in edges)
                {
                    _originFetches++;
                    _bucketOrigin[Bucket()]++;
                    e.Put($"/o/{obj}", new CacheEntry(_version[obj], TimeSpan.MaxValue));
                }
        }

        private void PurgeAll()
        {
            foreach (var (_, edges, regional) in _regions)
            {
                regional.Purge();
                foreach (var e in edges) e.Purge();
            }
        }

        private (CdnRegion Region, CacheNode[] Edges, CacheNode Regional) PickRegion(double x)
        {
            foreach (var r in _regions)
                if ((x -= r.Region.UserShare) < 0) return r;
            return _regions[^1];
        }

        private int Bucket() => Math.Min((int)(_sim.Now / _c.Bucket), _bucketRequests.Length - 1);

        public CdnRun Result()
        {
            var sorted = _latencies.Order().ToArray();
            return new CdnRun(_latencies.Count, _servedBy, _originFetches,
                sorted.Length == 0 ? 0 : sorted.Average(),
                sorted.Length == 0 ? 0 : Quantile.NearestRank(sorted, 0.95),
                _stale, _c.Duration,
                _bucketRequests.Select((n, i) => new CdnBucket(_c.Bucket * i, n, _bucketHits[i], _bucketOrigin[i])).ToArray());
        }
    }
}
