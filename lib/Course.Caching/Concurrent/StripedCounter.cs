using System.Runtime.InteropServices;

namespace Course.Caching.Concurrent;

/// <summary>
/// A hit/miss counter that many threads bump without fighting over one cache line: each thread increments a
/// cell chosen by its id (cells padded to 128 bytes, so neighbours never share a line); reads sum the cells.
/// The idea of Java's LongAdder, which BitFaster's counters also follow.
/// </summary>
internal sealed class StripedCounter
{
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Cell { [FieldOffset(64)] public long Value; }

    private readonly Cell[] _cells = new Cell[Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount))];

    public void Increment() => Interlocked.Increment(ref _cells[Environment.CurrentManagedThreadId & (_cells.Length - 1)].Value);

    public long Sum()
    {
        long sum = 0;
        for (var i = 0; i < _cells.Length; i++) sum += Volatile.Read(ref _cells[i].Value);
        return sum;
    }
}
