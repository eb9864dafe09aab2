namespace Course.Distributed.Cap;

/// <summary>
/// AP with version vectors (Dynamo; Riak with allow_mult): a write supersedes every sibling its replica
/// holds — the "put replaces the value" of the other two stores — and gets that context plus one more of
/// this replica's own writes. Anti-entropy keeps every version no other has seen past, so writes made on
/// both sides of a partition come back as siblings, and a read returns them all for the application to
/// resolve. Always available and never loses an acknowledged write — at the price of reads with several values.
/// </summary>
public sealed class VersionVectorReplica(int antiEntropyTicks) : AntiEntropyReplica<IReadOnlyList<Sibling>>(antiEntropyTicks)
{
    private long _counter;

    protected override (ClientReply Reply, IReadOnlyList<Sibling>? Changed) Handle(ClientRequest request, IReadOnlyList<Sibling>? current)
    {
        current ??= [];
        if (request.Operation == CapOperation.Read)
            return (ClientReply.Ok(request, current.Select(s => s.Value).ToArray(), current.Select(s => s.History).ToArray()), null);

        var self = Context.Self.Value;
        var seen = Siblings.Context(current);
        _counter = Math.Max(_counter, seen[self]) + 1;
        var history = CausalHistory.UnionOf(current.Select(s => s.History)).With(request.RequestId);
        var written = new Sibling(request.Value, seen.With(self, _counter), history);
        return (ClientReply.Ok(request, [], [history]), Siblings.Merge(current, [written]));
    }

    protected override IReadOnlyList<Sibling> Merge(IReadOnlyList<Sibling> local, IReadOnlyList<Sibling> remote) => Siblings.Merge(local, remote);

    protected override IReadOnlyList<string> ValuesOf(IReadOnlyList<Sibling> entry) => entry.Select(s => s.Value).ToArray();

    protected override string Describe(IReadOnlyList<Sibling> entry) => "[" + string.Join(", ", entry) + "]";
}
