namespace Course.LoadBalancing.Health;

/// <summary>Down/Up: active probes. Ejected/Returned: outlier detection. EjectionRefused: it would have been ejected, but the max-ejection cap was reached.</summary>
public enum HealthEventKind { Down, Up, Ejected, Returned, EjectionRefused }

/// <summary>One health transition, for the timeline chart and for tests.</summary>
public sealed record HealthEvent(TimeSpan At, string Backend, HealthEventKind Kind, string Reason);
