using Course.Caching.Concurrent;

namespace Course.Caching.Tests;

/// <summary>
/// The concurrent LRU under parallel load: bounded op counts (no timing), fixed seeds per thread, the properties
/// checked both during the run (counts, values belong to their key) and after the threads join (invariants).
/// </summary>
public class ConcurrentLruStressTests
{
    private const int Threads = 4;

    private static void RunThreads(Action<int> body)
    {
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try { body(t); } catch (Exception e) { errors.Enqueue(e); }
        })).ToArray();
        foreach (var th in threads) th.Start();
        foreach (var th in threads) th.Join();
        if (!errors.IsEmpty) throw new AggregateException(errors);
    }

    [Fact]
    public void No_write_is_lost_while_everything_fits()
    {
        // Each thread owns 250 keys and writes versions 1..40 of each; others read them meanwhile.
        const int keysPerThread = 250, versions = 40;
        var lru = new ConcurrentLru<int, long>(Threads * keysPerThread);
        RunThreads(t =>
        {
            var random = new Random(100 + t);
            for (var version = 1; version <= versions; version++)
                for (var i = 0; i < keysPerThread; i++)
                {
                    var key = t * keysPerThread + i;
                    lru.Set(key, key * 1000L + version);
                    var other = random.Next(Threads * keysPerThread);
                    if (lru.TryGet(other, out var seen) && seen / 1000 != other)
                        throw new InvalidOperationException($"seed {100 + t}: key {other} returned {seen}, another key's value");
                }
        });
        Assert.Equal(Threads * keysPerThread, lru.Count);
        for (var key = 0; key < Threads * keysPerThread; key++)
        {
            Assert.True(lru.TryGet(key, out var value), $"key {key} was lost");
            Assert.Equal(key * 1000L + versions, value);
        }
        Assert.Null(lru.InvariantViolation());
    }

    [Fact]
    public void Capacity_holds_under_churn_and_every_entry_is_accounted_for()
    {
        const int capacity = 100, keys = 1000, opsPerThread = 60_000;
        var lru = new ConcurrentLru<int, long>(capacity);
        var maxSeen = 0;
        var accesses = new long[Threads];
        RunThreads(t =>
        {
            var seed = 200 + t;
            var random = new Random(seed);
            for (var i = 0; i < opsPerThread; i++)
            {
                var key = random.Next(keys) / (1 + random.Next(4)); // skewed towards small keys
                var op = random.Next(10);
                if (op is < 5 or 8) accesses[t]++; // TryGet and GetOrAdd are accesses
                switch (op)
                {
                    case < 5:
                        if (lru.TryGet(key, out var v) && v / 1000 != key)
                            throw new InvalidOperationException($"seed {seed}: key {key} returned {v}");
                        break;
                    case < 8: lru.Set(key, key * 1000L + t); break;
                    case 8: lru.GetOrAdd(key, k => k * 1000L + t); break;
                    default: lru.TryRemove(key); break;
                }
                var count = lru.Count;
                if (count > capacity) throw new InvalidOperationException($"seed {seed}: count {count} over capacity {capacity}");
                InterlockedMax(ref maxSeen, count);
            }
        });
        Assert.Null(lru.InvariantViolation());
        Assert.Equal(capacity, maxSeen);
        Assert.Equal(accesses.Sum(), lru.Stats.Accesses); // the striped counters lose no increment
    }

    [Fact]
    public void Wide_values_are_never_torn()
    {
        // (a, -a) pairs: a reader that saw half of one write and half of another would see b != -a.
        var lru = new ConcurrentLru<int, (long A, long B)>(8);
        RunThreads(t =>
        {
            var random = new Random(300 + t);
            for (var i = 0; i < 100_000; i++)
            {
                var key = random.Next(12);
                if (t % 2 == 0) { long a = random.NextInt64(); lru.Set(key, (a, -a)); }
                else if (lru.TryGet(key, out var pair) && pair.B != -pair.A)
                    throw new InvalidOperationException($"seed {300 + t}: torn value ({pair.A}, {pair.B}) for key {key}");
            }
        });
        Assert.Null(lru.InvariantViolation());
    }

    [Fact]
    public void Racing_get_or_add_agrees_on_one_value()
    {
        var lru = new ConcurrentLru<int, object>(10);
        var results = new object[Threads][];
        RunThreads(t => results[t] = Enumerable.Range(0, 200).Select(k => lru.GetOrAdd(k % 5, _ => new object())).ToArray());
        for (var k = 0; k < 5; k++)
            Assert.All(results, r => Assert.Same(results[0][k], r[k]));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current) current = seen;
    }
}
