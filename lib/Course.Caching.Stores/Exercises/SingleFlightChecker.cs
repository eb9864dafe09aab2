namespace Course.Caching.Stores.Exercises;

/// <summary>
/// Grades an <see cref="ICoalescingLoader"/> with four scenarios, each deterministic: the loader is held on a gate
/// until every caller has called, so "concurrent" means the same thing on every run. Each scenario is bounded
/// (a loader that never completes fails, it does not hang the notebook).
/// </summary>
public static class SingleFlightChecker
{
    /// <summary>Runs every scenario against a fresh loader from <paramref name="create"/>, each bounded by <paramref name="bound"/> (default 5 s).</summary>
    public static async Task<IReadOnlyList<ExerciseVerdict>> CheckAsync(Func<ICoalescingLoader> create, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        var limit = bound ?? TimeSpan.FromSeconds(5);
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(bound), limit, "bound must be positive.");
        Task<ExerciseVerdict> RunAsync(string name, ICoalescingLoader loader, Func<ICoalescingLoader, Task<string?>> scenario) =>
            RunBoundedAsync(name, loader, scenario, limit);
        return
        [
            await RunAsync("10 concurrent calls, one key → 1 load, all get its value", create(), SameKeyAsync).ConfigureAwait(false),
            await RunAsync("2 keys at once → 2 loads, each caller its own key's value", create(), TwoKeysAsync).ConfigureAwait(false),
            await RunAsync("a finished load is not remembered: the next call loads again", create(), NotCachedAsync).ConfigureAwait(false),
            await RunAsync("a failed load fails every waiter; the next call retries", create(), FailureAsync).ConfigureAwait(false),
        ];
    }

    private static async Task<ExerciseVerdict> RunBoundedAsync(string name, ICoalescingLoader loader, Func<ICoalescingLoader, Task<string?>> scenario, TimeSpan bound)
    {
        try
        {
            var failure = await scenario(loader).WaitAsync(bound).ConfigureAwait(false);
            return new ExerciseVerdict(name, failure is null, failure);
        }
        catch (TimeoutException)
        {
            return new ExerciseVerdict(name, false, $"did not finish within {bound.TotalSeconds:0.###} s (a waiter never completed?)");
        }
        catch (Exception e)
        {
            return new ExerciseVerdict(name, false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<string?> SameKeyAsync(ICoalescingLoader loader)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        var calls = Enumerable.Range(0, 10).Select(_ => loader.LoadAsync("k", async key =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task.ConfigureAwait(false);
            return "value of " + key;
        })).ToArray();
        gate.SetResult();
        var values = await Task.WhenAll(calls).ConfigureAwait(false);
        if (loads != 1) return $"expected 1 load, got {loads}";
        return values.All(v => v == "value of k") ? null : $"values: {string.Join(", ", values.Distinct())}";
    }

    private static async Task<string?> TwoKeysAsync(ICoalescingLoader loader)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        Func<string, Task<string>> load = async key => { Interlocked.Increment(ref loads); await gate.Task.ConfigureAwait(false); return "value of " + key; };
        var a = new[] { loader.LoadAsync("a", load), loader.LoadAsync("a", load) };
        var b = new[] { loader.LoadAsync("b", load), loader.LoadAsync("b", load) };
        gate.SetResult();
        var va = await Task.WhenAll(a).ConfigureAwait(false);
        var vb = await Task.WhenAll(b).ConfigureAwait(false);
        if (loads != 2) return $"expected 2 loads (one per key), got {loads}";
        return va.All(v => v == "value of a") && vb.All(v => v == "value of b") ? null : $"a got {string.Join(", ", va)}; b got {string.Join(", ", vb)}";
    }

    private static async Task<string?> NotCachedAsync(ICoalescingLoader loader)
    {
        var version = 0;
        Func<string, Task<string>> load = _ => Task.FromResult($"v{Interlocked.Increment(ref version)}");
        var first = await loader.LoadAsync("k", load).ConfigureAwait(false);
        var second = await loader.LoadAsync("k", load).ConfigureAwait(false);
        return (first, second) == ("v1", "v2") ? null : $"expected v1 then v2 (two sequential calls, two loads), got {first} then {second}";
    }

    private static async Task<string?> FailureAsync(ICoalescingLoader loader)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<string, Task<string>> failing = async _ => { await gate.Task.ConfigureAwait(false); throw new InvalidOperationException("database down"); };
        var calls = Enumerable.Range(0, 3).Select(_ => loader.LoadAsync("k", failing)).ToArray();
        gate.SetResult();
        var failed = 0;
        foreach (var call in calls)
        {
            try { await call.ConfigureAwait(false); }
            catch (InvalidOperationException e) when (e.Message == "database down") { failed++; }
        }
        if (failed != 3) return $"expected all 3 waiters to see the load's exception, {failed} did";
        var retry = await loader.LoadAsync("k", _ => Task.FromResult("recovered")).ConfigureAwait(false);
        return retry == "recovered" ? null : $"after a failure the next call returned {retry}, expected a fresh load";
    }
}
