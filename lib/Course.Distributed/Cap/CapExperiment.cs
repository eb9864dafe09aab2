
namespace Course.Distributed.Cap;

/// <summary>
/// "CAP in practice": runs each store in its own deterministic simulation under the same seeded workload and
/// the same partition schedule, then measures what the clients got — availability within the deadline,
/// stale reads and lost writes against real time, the linearizability checker's verdict, latency — and what
/// the store holds once the network has healed.
/// </summary>
public static class CapExperiment
{
    public static IReadOnlyList<CapSystemKind> AllSystems { get; } =
        [CapSystemKind.Cp, CapSystemKind.ApLastWriterWins, CapSystemKind.ApVersionVectors];

    /// <summary>Runs <paramref name="systems"/> (all three by default) under <paramref name="options"/> (the defaults if null).</summary>
    public static CapExperimentResult Run(CapExperimentOptions? options = null, IReadOnlyList<CapSystemKind>? systems = null)
    {
        options ??= new CapExperimentOptions();
        systems ??= AllSystems;
        if (systems.Count == 0 || systems.Distinct().Count() != systems.Count || systems.Any(s => !Enum.IsDefined(s)))
            throw new ArgumentException("Name each system to run once, and at least one.", nameof(systems));

        var schedule = options.ResolveSchedule();
        var requests = options.ResolveRequests();
        var clockOffsets = options.ResolveClockOffsets();
        var reports = systems.Select(s => new CapRun(s, options, schedule, requests, clockOffsets).Execute()).ToArray();
        return new CapExperimentResult(options, schedule, requests, reports);
    }

    /// <summary>Runs one store only (e.g. CP over many seeds).</summary>
    public static CapSystemReport RunSystem(CapSystemKind system, CapExperimentOptions? options = null) =>
        Run(options, [system]).Systems[0];
}
