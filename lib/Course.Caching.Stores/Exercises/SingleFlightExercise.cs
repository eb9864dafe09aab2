namespace Course.Caching.Stores.Exercises;

/// <summary>
/// The exercise: coalesce concurrent loads of one key. A learner implements this in a notebook cell;
/// <see cref="SingleFlightChecker"/> grades it; <see cref="SingleFlightReference"/> is the solution.
/// </summary>
public interface ICoalescingLoader
{
    /// <summary>The value for <paramref name="key"/>: calls already waiting for the same key share one call of <paramref name="load"/>.</summary>
    Task<string> LoadAsync(string key, Func<string, Task<string>> load);
}

/// <summary>The reference solution: the library's <see cref="SingleFlight{TKey,TValue}"/>.</summary>
public sealed class SingleFlightReference : ICoalescingLoader
{
    private readonly SingleFlight<string, string> _flights = new();

    public Task<string> LoadAsync(string key, Func<string, Task<string>> load) => _flights.DoAsync(key, load);
}

/// <summary>One checker scenario's result.</summary>
public sealed record ExerciseVerdict(string Scenario, bool Passed, string? Failure);
