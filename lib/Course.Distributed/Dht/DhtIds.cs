namespace Course.Distributed.Dht;

/// <summary>Identifier helpers shared by the two overlays: seeded random ids, and checks on given ones.</summary>
internal static class DhtIds
{
    public static ulong Next(Random random, ulong mask)
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return BitConverter.ToUInt64(bytes) & mask;
    }

    /// <summary><paramref name="size"/> distinct random ids below mask + 1 (ids stand in for SHA-1 of an address).</summary>
    public static ulong[] Random(int size, Random random, ulong mask, string sizeParameter)
    {
        if (mask != ulong.MaxValue && (ulong)size > mask + 1)
            throw new ArgumentOutOfRangeException(sizeParameter, size, $"Only {mask + 1} distinct ids fit in the identifier space.");
        var seen = new HashSet<ulong>();
        var ids = new ulong[size];
        for (var i = 0; i < size; i++)
        {
            ulong id;
            do id = Next(random, mask); while (!seen.Add(id));
            ids[i] = id;
        }
        return ids;
    }

    public static ulong[] Given(IReadOnlyList<ulong> ids, int size, ulong mask, string parameter)
    {
        if (ids.Count != size) throw new ArgumentException($"Expected {size} ids, got {ids.Count}.", parameter);
        var seen = new HashSet<ulong>();
        foreach (var id in ids)
        {
            if ((id & ~mask) != 0) throw new ArgumentException($"Id {id:x} is out of range for the identifier space.", parameter);
            if (!seen.Add(id)) throw new ArgumentException($"Duplicate id {id:x}.", parameter);
        }
        return [.. ids];
    }
}
