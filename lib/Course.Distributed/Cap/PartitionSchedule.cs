using Course.Simulation;

namespace Course.Distributed.Cap;

/// <summary>
/// One network split: from <see cref="Start"/> to <see cref="End"/> the datacenters in <see cref="Minority"/>
/// (each a replica with its clients) are cut off from the rest.
/// </summary>
public sealed record PartitionWindow(TimeSpan Start, TimeSpan End, IReadOnlyList<int> Minority)
{
    public bool Contains(TimeSpan time) => time >= Start && time < End;

    public bool IsMinority(int datacenter) => Minority.Contains(datacenter);

    public override string ToString() =>
        $"[{Start.TotalSeconds:F2} s, {End.TotalSeconds:F2} s) {{{string.Join(",", Minority.Select(d => $"dc{d}"))}}} cut off";
}

/// <summary>
/// When the network splits and heals. Decided before the run, so every system faces exactly the same partitions.
/// </summary>
public sealed class PartitionSchedule
{
    public PartitionSchedule(IEnumerable<PartitionWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var list = windows.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            var w = list[i] ?? throw new ArgumentException($"windows[{i}] is null.", nameof(windows));
            if (w.Start < TimeSpan.Zero) throw new ArgumentException($"windows[{i}] starts at a negative time ({w.Start}).", nameof(windows));
            if (w.End <= w.Start) throw new ArgumentException($"windows[{i}] ends ({w.End}) before it starts ({w.Start}).", nameof(windows));
            if (i > 0 && w.Start < list[i - 1].End) throw new ArgumentException($"windows[{i}] starts before windows[{i - 1}] ends: windows must be in order and apart.", nameof(windows));
            if (w.Minority is null || w.Minority.Count == 0 || w.Minority.Any(d => d < 0) || w.Minority.Distinct().Count() != w.Minority.Count)
                throw new ArgumentException($"windows[{i}] must cut off at least one datacenter, each named once by a non-negative index.", nameof(windows));
        }
        Windows = list;
    }

    public IReadOnlyList<PartitionWindow> Windows { get; }

    /// <summary>A network that never splits.</summary>
    public static PartitionSchedule None { get; } = new([]);

    /// <summary>
    /// Healthy and split periods alternating, each of random length around <paramref name="healthy"/> and
    /// <paramref name="partitioned"/>; each split cuts off a random minority of ⌊n/2⌋ datacenters (one of three,
    /// two of five). The run starts healthy.
    /// </summary>
    public static PartitionSchedule Random(int seed, int replicas, TimeSpan duration, TimeSpan healthy, TimeSpan partitioned)
    {
        if (replicas < 1) throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "replicas must be at least 1.");
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "duration must not be negative.");
        if (healthy <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(healthy), healthy, "healthy must be positive.");
        if (partitioned <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(partitioned), partitioned, "partitioned must be positive.");
        var minoritySize = replicas / 2;
        if (minoritySize == 0) return None; // one replica: nothing to split

        var random = new Random(DeterministicRandom.DeriveSeed(seed, 2));
        TimeSpan Around(TimeSpan mean, double spread) => mean * (1 - spread + 2 * spread * random.NextDouble());
        var windows = new List<PartitionWindow>();
        var start = Around(healthy, 0.5);
        while (start < duration)
        {
            var end = start + Around(partitioned, 0.25);
            if (end > duration) end = duration;
            var minority = Enumerable.Range(0, replicas).OrderBy(_ => random.Next()).Take(minoritySize).Order().ToArray();
            windows.Add(new PartitionWindow(start, end, minority));
            start = end + Around(healthy, 0.5);
        }
        return new PartitionSchedule(windows);
    }

    /// <summary>The split in force at <paramref name="time"/>, if any.</summary>
    public PartitionWindow? At(TimeSpan time) => Windows.FirstOrDefault(w => w.Contains(time));

    /// <summary>Whether <paramref name="datacenter"/> is on the minority side at <paramref name="time"/>.</summary>
    public bool IsMinority(int datacenter, TimeSpan time) => At(time)?.IsMinority(datacenter) ?? false;

    public override string ToString() => Windows.Count == 0 ? "no partitions" : string.Join("; ", Windows);
}
