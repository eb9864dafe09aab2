namespace Course.Distributed.Cap;

/// <summary>
/// The requests issued in one slice of time [<see cref="Start"/>, Start + width) and how they ended: the
/// time series a notebook plots to show availability dropping while the network is split.
/// </summary>
/// <param name="Partitioned">Whether the network was split during some of this bucket.</param>
public sealed record AvailabilityBucket(TimeSpan Start, int Answered, int Refused, int TimedOut, bool Partitioned)
{
    public int Requests => Answered + Refused + TimedOut;

    /// <summary>Refused or timed out: not answered within the deadline.</summary>
    public int Unanswered => Refused + TimedOut;

    /// <summary>One bucket per <paramref name="width"/> from 0 to <paramref name="duration"/>, requests counted by when they were issued.</summary>
    public static IReadOnlyList<AvailabilityBucket> Series(
        IReadOnlyList<CapRequestRecord> records, TimeSpan duration, TimeSpan width, PartitionSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(schedule);
        if (width <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive.");
        var count = Math.Max(1, (int)Math.Ceiling(duration / width));
        var counts = new int[count, 3];
        foreach (var r in records)
        {
            var i = Math.Clamp((int)(r.Call / width), 0, count - 1);
            counts[i, r.Outcome switch { RequestOutcome.Ok => 0, RequestOutcome.Refused => 1, _ => 2 }]++;
        }
        return Enumerable.Range(0, count)
            .Select(i => new AvailabilityBucket(width * i, counts[i, 0], counts[i, 1], counts[i, 2],
                schedule.Windows.Any(w => w.Start < width * (i + 1) && w.End > width * i)))
            .ToArray();
    }
}
