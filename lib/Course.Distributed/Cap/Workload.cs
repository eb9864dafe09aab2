using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// The clients' requests: each client asks at random (Poisson) times, reads or writes a random key, and
/// writes values nobody else writes ("c3.17" is client 3's 17th write), so every value read names its write.
/// Open loop: a client does not wait for one answer before the next request, as users do not.
/// </summary>
public static class Workload
{
    public static IReadOnlyList<WorkloadRequest> Generate(
        int seed, int clients, int keys, TimeSpan duration, TimeSpan meanInterval, double writeFraction)
    {
        if (clients < 1) throw new ArgumentOutOfRangeException(nameof(clients), clients, "clients must be at least 1.");
        if (keys < 1) throw new ArgumentOutOfRangeException(nameof(keys), keys, "keys must be at least 1.");
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "duration must not be negative.");
        if (meanInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(meanInterval), meanInterval, "meanInterval must be positive.");
        if (writeFraction is not (>= 0 and <= 1) || double.IsNaN(writeFraction))
            throw new ArgumentOutOfRangeException(nameof(writeFraction), writeFraction, "writeFraction is a probability and must be in [0, 1].");

        var requests = new List<(TimeSpan At, int Client, CapOperation Op, string Key, string Value)>();
        for (var client = 0; client < clients; client++)
        {
            var random = new Random(DeterministicRandom.DeriveSeed(seed, 1, client));
            var writes = 0;
            var at = TimeSpan.Zero;
            while (true)
            {
                at += meanInterval * -Math.Log(1 - random.NextDouble());
                if (at >= duration) break;
                var key = $"k{random.Next(keys)}";
                var write = random.NextDouble() < writeFraction;
                requests.Add(write
                    ? (at, client, CapOperation.Write, key, $"c{client}.{++writes}")
                    : (at, client, CapOperation.Read, key, ""));
            }
        }
        return requests
            .OrderBy(r => r.At).ThenBy(r => r.Client)
            .Select((r, i) => new WorkloadRequest(i + 1, r.Client, r.At, r.Op, r.Key, r.Value))
            .ToArray();
    }
}
