namespace Course.LoadBalancing.Health;

public enum HealthEventKind { Down, Up, Ejected, Returned }

/// <summary>One health transition, for the timeline chart and for tests.</summary>
public sealed record HealthEvent(TimeSpan At, string Backend, HealthEventKind Kind, string Reason);
