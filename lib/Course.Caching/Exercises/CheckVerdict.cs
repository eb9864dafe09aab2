namespace Course.Caching.Exercises;

/// <summary>One checker scenario's outcome: passed on every seed, or the first seed that failed and why.</summary>
public sealed record CheckVerdict(string Scenario, bool Passed, int SeedsRun, int? FirstFailingSeed, string? Failure);
