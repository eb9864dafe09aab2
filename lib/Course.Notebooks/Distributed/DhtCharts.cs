using Course.Distributed.Dht;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Course.Notebooks.Distributed;

/// <summary>A Chord lookup drawn on the identifier circle: every node as a dot, the lookup's path as a line.</summary>
public static class DhtCharts
{
    public static GenericChart ChordPath(ChordCluster cluster, ChordLookupResult lookup, string? title = null)
    {
        var bits = cluster.Options.Bits;
        double Position(ulong id) => bits == 64 ? id / 18446744073709551616.0 : id / Math.Pow(2, bits);
        double X(ulong id) => Math.Sin(2 * Math.PI * Position(id));
        double Y(ulong id) => Math.Cos(2 * Math.PI * Position(id));
        var ring = cluster.LiveRing;
        var nodes = CSharpChart.Point<double, double, string>(x: ring.Select(p => X(p.Id)).ToArray(), y: ring.Select(p => Y(p.Id)).ToArray(),
            Name: $"{ring.Count} live nodes", MarkerColor: Color.fromString("#b0bec5"));
        var stops = new List<ChordPeer> { lookup.Origin };
        stops.AddRange(lookup.Path);
        if (lookup.Successor is { } s && (stops.Count == 0 || stops[^1] != s)) stops.Add(s);
        var path = CSharpChart.Line<double, double, string>(x: stops.Select(p => X(p.Id)).ToArray(), y: stops.Select(p => Y(p.Id)).ToArray(),
            Name: "lookup path", ShowMarkers: true, LineColor: Color.fromString("#1565c0"), MultiText: stops.Select((p, i) => i == 0 ? "origin" : $"hop {i}").ToArray());
        var key = CSharpChart.Point<double, double, string>(x: [X(lookup.Key)], y: [Y(lookup.Key)], Name: "the key", MarkerColor: Color.fromString("#c62828"));
        return Charts.Style(CSharpChart.Combine([nodes, path, key]), title ?? $"Chord lookup: {lookup.Hops} hops across {ring.Count} nodes", "", "").WithSize(640, 620);
    }

    /// <summary>
    /// A Kademlia lookup round by round: every contact queried, at its XOR distance to the target (log2 scale).
    /// Each round of α parallel queries should cut the distance roughly in half — about one bit per round.
    /// </summary>
    public static GenericChart KademliaPath(KademliaLookupResult lookup, string? title = null)
    {
        static double Bits(ulong distance) => distance == 0 ? 0 : Math.Log2(distance);
        var answered = lookup.Path.Where(h => h.Answered).ToArray();
        var silent = lookup.Path.Where(h => !h.Answered).ToArray();
        var traces = new List<GenericChart>
        {
            CSharpChart.Point<double, double, string>(x: answered.Select(h => (double)h.Round).ToArray(), y: answered.Select(h => Bits(h.Contact.Id ^ lookup.Target)).ToArray(),
                Name: "contact answered", MarkerColor: Color.fromString("#1565c0"), MultiText: answered.Select(h => h.Contact.ToString()).ToArray()),
        };
        if (silent.Length > 0)
            traces.Add(CSharpChart.Point<double, double, string>(x: silent.Select(h => (double)h.Round).ToArray(), y: silent.Select(h => Bits(h.Contact.Id ^ lookup.Target)).ToArray(),
                Name: "timed out (dead)", MarkerColor: Color.fromString("#c62828")));
        return Charts.Style(CSharpChart.Combine(traces), title ?? $"Kademlia lookup: {lookup.Rounds} rounds, {lookup.Messages} messages",
            "round", "log2 XOR distance to the target").WithSize(720, 420);
    }

    /// <summary>How many lookups took each number of hops (or rounds).</summary>
    public static GenericChart HopHistogram(HopStatistics stats, string title, string unit = "hops") =>
        Charts.Bars(stats.Distribution.OrderBy(p => p.Key).Select(p => $"{p.Key} {unit}"), stats.Distribution.OrderBy(p => p.Key).Select(p => (double)p.Value), title, "lookups");
}
