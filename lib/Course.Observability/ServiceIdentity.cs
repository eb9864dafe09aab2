namespace Course.Observability;

/// <summary>The name a service reports in its spans, logs and metrics (one per host, registered by AddCourseTelemetry).</summary>
public sealed record ServiceIdentity(string Name);
