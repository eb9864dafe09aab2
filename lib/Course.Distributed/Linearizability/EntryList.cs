namespace Course.Distributed.Linearizability;

/// <summary>
/// The calls and returns of one partition in real-time order, as a doubly linked list over arrays.
/// Entry <c>2i</c> is the call of operation <c>i</c>, entry <c>2i+1</c> its return.
/// Linearizing an operation lifts both its entries out of the list, and backtracking puts them back in reverse order:
/// Knuth's dancing links, as in Lowe (2017) and porcupine's lift/unlift.
/// </summary>
internal sealed class EntryList
{
    public const int End = -1;

    private readonly int[] next;
    private readonly int[] prev;

    public EntryList(IReadOnlyList<long> callTimes, IReadOnlyList<long> returnTimes)
    {
        var n = callTimes.Count;
        var order = new int[2 * n];
        for (var e = 0; e < order.Length; e++)
            order[e] = e;

        // At equal times calls come before returns: operations that merely touch count as concurrent (as porcupine does).
        Array.Sort(order, (a, b) =>
        {
            var ta = IsCall(a) ? callTimes[OperationOf(a)] : returnTimes[OperationOf(a)];
            var tb = IsCall(b) ? callTimes[OperationOf(b)] : returnTimes[OperationOf(b)];
            if (ta != tb)
                return ta.CompareTo(tb);
            return (a & 1) != (b & 1) ? (a & 1).CompareTo(b & 1) : a.CompareTo(b);
        });

        Head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        var previous = Head;
        foreach (var e in order)
        {
            next[previous] = e;
            prev[e] = previous;
            previous = e;
        }

        next[previous] = End;
    }

    /// <summary>A sentinel before the first entry.</summary>
    public int Head { get; }

    public int First => next[Head];

    public int Next(int entry) => next[entry];

    public static bool IsCall(int entry) => (entry & 1) == 0;

    public static int OperationOf(int entry) => entry >> 1;

    public static int CallOf(int operation) => 2 * operation;

    /// <summary>Removes a call entry and its return (the operation is linearized).</summary>
    public void Lift(int call)
    {
        Unlink(call);
        Unlink(call + 1);
    }

    /// <summary>Undoes <see cref="Lift"/>; must be called in the reverse order of the lifts.</summary>
    public void Unlift(int call)
    {
        Relink(call + 1);
        Relink(call);
    }

    private void Unlink(int e)
    {
        next[prev[e]] = next[e];
        if (next[e] != End)
            prev[next[e]] = prev[e];
    }

    private void Relink(int e)
    {
        next[prev[e]] = e;
        if (next[e] != End)
            prev[next[e]] = e;
    }
}
