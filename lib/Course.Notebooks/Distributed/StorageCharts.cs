using Course.Distributed.Storage;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace Course.Notebooks.Distributed;

/// <summary>Pictures of the replicated file system: where every replica lives.</summary>
public static class StorageCharts
{
    /// <summary>
    /// The placement diagram: one row per chunk, one column per chunk server (grouped by rack), a coloured cell where
    /// the server holds a copy — green live, orange stale or uncounted, red corrupt, grey on a dead server.
    /// </summary>
    public static GenericChart Placement(DfsCluster cluster, string title = "Replica placement (servers grouped by rack)")
    {
        var chunks = cluster.Chunks();
        var servers = cluster.ChunkServers.OrderBy(s => cluster.Topology.RackOf(s)).ThenBy(s => s.Value).ToArray();
        var columns = servers.Select(s => $"{s} ({cluster.Topology.RackOf(s)})").ToArray();
        var rows = chunks.Select(c => $"{c.Path}#{c.Index}").ToArray();
        // One trace per state: squares (Bubble with a fixed size) at (server, chunk), coloured by the copy's state.
        var cells = chunks.SelectMany(c => c.Copies.Select(copy => (Row: $"{c.Path}#{c.Index}", Column: columns[Array.IndexOf(servers, copy.Server)], Copy: copy))).ToArray();
        var traces = cells.GroupBy(cell => StateOf(cell.Copy)).Select(group =>
            Plotly.NET.CSharp.Chart.Bubble<string, string, string>(
                x: group.Select(g => g.Column).ToArray(), y: group.Select(g => g.Row).ToArray(), sizes: group.Select(_ => 26).ToArray(),
                Name: group.Key, MarkerColor: Color.fromString(Colors[group.Key]), MarkerSymbol: StyleParam.MarkerSymbol.Square,
                MultiText: group.Select(g => $"{g.Copy.State} v{g.Copy.Version}").ToArray()));
        var chart = Plotly.NET.CSharp.Chart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: "chunk server", CategoryOrder: StyleParam.CategoryOrder.Array, CategoryArray: columns)
            .WithYAxisStyle<double, double, string>(TitleText: "", CategoryOrder: StyleParam.CategoryOrder.Array, CategoryArray: rows);
        return Plotly.NET.Chart.withTitle(title, Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(chart).WithSize(860, 200 + 40 * rows.Length);
    }

    private static readonly Dictionary<string, string> Colors = new()
    {
        ["live"] = "#2e7d32",
        ["stale or uncounted"] = "#ffa726",
        ["corrupt"] = "#c62828",
        ["on a dead server"] = "#90a4ae",
    };

    private static string StateOf(ReplicaInfo copy) => copy.State switch
    {
        ReplicaState.Live when copy.Intact => "live",
        ReplicaState.Corrupt => "corrupt",
        ReplicaState.Down => "on a dead server",
        _ when !copy.Intact => "corrupt",
        _ => "stale or uncounted",
    };
}
