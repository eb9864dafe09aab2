namespace Course.Distributed.Partitioning;

/// <summary>One partition handed from one node to another during a rebalance.</summary>
public readonly record struct PartitionMove(int Partition, int From, int To);

/// <summary>
/// "Fixed number of partitions" (Riak, Elasticsearch, Couchbase; DDIA ch. 6): many more partitions than
/// nodes, each wholly on one node. A joining node steals whole partitions from the others until shares are
/// even; keys never change partition, so only the stolen partitions' keys move. Immutable.
/// </summary>
public sealed class PartitionAssignment
{
    private readonly int[] _owner;

    private PartitionAssignment(int[] owner, int nodes) { _owner = owner; Nodes = nodes; }

    public int Partitions => _owner.Length;
    public int Nodes { get; }

    public int NodeOf(int partition) => _owner[partition];

    public IReadOnlyList<int> PartitionsOf(int node) => Enumerable.Range(0, _owner.Length).Where(p => _owner[p] == node).ToArray();

    /// <summary>Partition p on node p mod <paramref name="nodes"/>.</summary>
    public static PartitionAssignment RoundRobin(int partitions, int nodes)
    {
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "nodes must be at least 1.");
        if (partitions < nodes) throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "Need at least one partition per node.");
        return new PartitionAssignment(Enumerable.Range(0, partitions).Select(p => p % nodes).ToArray(), nodes);
    }

    /// <summary>A new node (number <see cref="Nodes"/>) joins and takes partitions from the nodes with the most, until it has its fair share.</summary>
    public (PartitionAssignment After, IReadOnlyList<PartitionMove> Moves) AddNode()
    {
        var owner = (int[])_owner.Clone();
        var newNode = Nodes;
        var target = owner.Length / (Nodes + 1);
        var moves = new List<PartitionMove>();
        for (var taken = 0; taken < target; taken++)
        {
            var counts = Enumerable.Range(0, Nodes).Select(n => (Node: n, Count: owner.Count(o => o == n)));
            var donor = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Node).First().Node;
            var partition = Array.LastIndexOf(owner, donor);
            owner[partition] = newNode;
            moves.Add(new PartitionMove(partition, donor, newNode));
        }
        return (new PartitionAssignment(owner, Nodes + 1), moves);
    }
}
