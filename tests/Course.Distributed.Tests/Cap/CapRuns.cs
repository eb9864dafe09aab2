using Course.Distributed.Cap;
using Course.Distributed.Tests.Raft;

namespace Course.Distributed.Tests.Cap;

/// <summary>
/// The experiment over seeds 1..20 (COURSE_SEEDS=N for more), run once and shared by the test classes:
/// all three stores, the default workload and the default random partition schedule.
/// </summary>
internal static class CapRuns
{
    public static IReadOnlyList<int> Seeds { get; } = Enumerable.Range(1, SeedRuns.Count(20)).ToArray();

    private static readonly Lazy<IReadOnlyList<CapExperimentResult>> Runs =
        new(() => Seeds.Select(seed => CapExperiment.Run(new CapExperimentOptions { Seed = seed })).ToArray());

    public static IReadOnlyList<CapExperimentResult> Partitioned => Runs.Value;

    /// <summary>Requests a minority-side client issued while its datacenter was cut off.</summary>
    public static IEnumerable<(PartitionWindow Window, CapRequestRecord Request)> IssuedOnTheMinoritySide(CapSystemReport report, PartitionSchedule schedule) =>
        from w in schedule.Windows
        from r in report.Records
        where w.Contains(r.Call) && w.IsMinority(r.Datacenter)
        select (w, r);

    /// <summary>Requests a majority-side client issued while the network was split.</summary>
    public static IEnumerable<(PartitionWindow Window, CapRequestRecord Request)> IssuedOnTheMajoritySide(CapSystemReport report, PartitionSchedule schedule) =>
        from w in schedule.Windows
        from r in report.Records
        where w.Contains(r.Call) && !w.IsMinority(r.Datacenter)
        select (w, r);
}
