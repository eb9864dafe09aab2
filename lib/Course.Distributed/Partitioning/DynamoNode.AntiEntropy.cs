using Course.Distributed.Cap;
using Course.Simulation;

namespace Course.Distributed.Partitioning;

public sealed partial class DynamoNode
{
    /// <summary>Sends the root of the tree over the keys this node and a random peer both own.</summary>
    private void StartAntiEntropy()
    {
        var peers = ring.Nodes.Where(n => n != Self).ToArray();
        if (peers.Length == 0) return;
        var peer = peers[_context.Random.Next(peers.Length)];
        stats.MerkleSessions++;
        stats.MerkleHashesSent++;
        _context.Send(peer, new MerkleCompare(0, [0], [TreeWith(peer).Root]));
    }

    private IEnumerable<KeyValuePair<string, IReadOnlyList<Sibling>>> SharedWith(NodeId peer) =>
        _store.Where(e =>
        {
            var owners = ring.PreferenceList(e.Key, options.N);
            return owners.Contains(Self) && owners.Contains(peer);
        });

    private MerkleTree TreeWith(NodeId peer) => MerkleTree.Build(SharedWith(peer), options.MerkleDepth);

    private void OnMerkleCompare(NodeId from, MerkleCompare compare)
    {
        var tree = TreeWith(from);
        var differing = new List<int>();
        for (var i = 0; i < compare.Indices.Count; i++)
            if (tree.Hash(compare.Level, compare.Indices[i]) != compare.Hashes[i]) differing.Add(compare.Indices[i]);
        if (differing.Count == 0) return; // in sync below here
        if (compare.Level == tree.Depth)
        {
            SendBuckets(from, differing, wantReply: true);
            return;
        }
        var children = differing.SelectMany(i => new[] { 2 * i, 2 * i + 1 }).ToArray();
        stats.MerkleHashesSent += children.Length;
        _context.Send(from, new MerkleCompare(compare.Level + 1, children, children.Select(c => tree.Hash(compare.Level + 1, c)).ToArray()));
    }

    private void SendBuckets(NodeId to, IReadOnlyList<int> buckets, bool wantReply)
    {
        var wanted = buckets.ToHashSet();
        var entries = SharedWith(to).Where(e => wanted.Contains(MerkleTree.BucketOf(e.Key, options.MerkleDepth)))
            .OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        stats.MerkleKeysSent += entries.Length;
        if (wantReply) stats.MerkleRangesSynced += buckets.Count;
        _context.Send(to, new MerkleBuckets(buckets, entries, wantReply));
    }

    private void OnMerkleBuckets(NodeId from, MerkleBuckets message)
    {
        foreach (var (key, siblings) in message.Entries)
            if (MergeIntoStore(key, siblings)) stats.MerkleKeysUpdated++;
        if (message.WantReply) SendBuckets(from, message.Buckets, wantReply: false);
    }
}
