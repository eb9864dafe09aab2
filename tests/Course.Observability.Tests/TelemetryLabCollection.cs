namespace Course.Observability.Tests;

/// <summary>The lab is process-wide: tests that start one never run at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryLabCollection
{
    public const string Name = "telemetry lab";
}
