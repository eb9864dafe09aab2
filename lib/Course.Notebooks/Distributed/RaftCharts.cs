using Course.Distributed.Raft;
using Course.Simulation;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace Course.Notebooks.Distributed;

/// <summary>Pictures of a Raft run: who led when, how terms moved, what each log holds.</summary>
public static class RaftCharts
{
    public static readonly IReadOnlyDictionary<string, string> RoleColors = new Dictionary<string, string>
    {
        ["Follower"] = "#b0bec5",
        ["PreCandidate"] = "#ffe082",
        ["Candidate"] = "#ffa726",
        ["Leader"] = "#2e7d32",
        ["Crashed"] = "#c62828",
    };

    /// <summary>Each server's role over time, from the trace's "role" notes and crash/restart events.</summary>
    public static IReadOnlyList<LaneSegment> RoleSegments(SimulationTrace trace, IEnumerable<NodeId> servers, TimeSpan end)
    {
        var segments = new List<LaneSegment>();
        foreach (var node in servers)
        {
            string? role = null;
            var since = 0.0;
            void Close(double at)
            {
                if (role is not null && at > since) segments.Add(new LaneSegment(node.ToString(), since, at, role.Split(' ')[0], $"{node}: {role}"));
            }
            foreach (var e in trace.Events.Where(e => e.Node == node))
            {
                var at = e.Time.TotalMilliseconds;
                string? next = e.Kind switch
                {
                    TraceKind.Note when e.Category == "role" => e.Detail,
                    TraceKind.Crash => "Crashed",
                    _ => null,
                };
                if (next is null || next == role) continue;
                Close(at);
                role = next;
                since = at;
            }
            Close(end.TotalMilliseconds);
        }
        return segments;
    }

    /// <summary>Roles over time as lanes (green = leader, orange = candidate, red = crashed).</summary>
    public static GenericChart Roles(SimulationTrace trace, IEnumerable<NodeId> servers, TimeSpan end, string title = "Raft roles over time") =>
        Charts.Lanes(title, "virtual time (ms)", RoleSegments(trace, servers, end), RoleColors);

    public static GenericChart Roles(RaftCluster cluster, string title = "Raft roles over time") =>
        Roles(cluster.Simulation.Trace, cluster.Simulation.Servers, cluster.Now, title);

    public static GenericChart Terms(RaftCluster cluster, string title = "Terms over time") =>
        Terms(cluster.Simulation.Trace, cluster.Simulation.Servers, cluster.Now, title);

    public static GenericChart CommitIndex(RaftCluster cluster, string title = "Commit index over time") =>
        CommitIndex(cluster.Simulation.Trace, cluster.Simulation.Servers, cluster.Now, title);

    /// <summary>Roles over wall-clock time of a real cluster (<see cref="Course.Distributed.Transport.RaftLocalCluster.RoleTimeline"/>).</summary>
    public static GenericChart Roles(IReadOnlyList<Course.Distributed.Transport.RoleChange> timeline, int nodes, TimeSpan end, string title = "Roles over time (real cluster)")
    {
        var segments = new List<LaneSegment>();
        for (var node = 0; node < nodes; node++)
        {
            var changes = timeline.Where(c => c.Node == node).OrderBy(c => c.At).ToArray();
            for (var i = 0; i < changes.Length; i++)
            {
                var from = changes[i].At.TotalMilliseconds;
                var to = i + 1 < changes.Length ? changes[i + 1].At.TotalMilliseconds : end.TotalMilliseconds;
                var role = changes[i].Role == "Down" ? "Crashed" : changes[i].Role;
                if (to > from) segments.Add(new LaneSegment($"n{node}", from, to, role, $"n{node}: {changes[i].Role} term {changes[i].Term}"));
            }
        }
        return Charts.Lanes(title, "wall-clock time (ms)", segments, RoleColors);
    }

    /// <summary>Each server's term over time (a step line per server): terms only ever grow.</summary>
    public static GenericChart Terms(SimulationTrace trace, IEnumerable<NodeId> servers, TimeSpan end, string title = "Terms over time")
    {
        var series = servers.Select(node =>
        {
            var points = trace.Notes("role").Where(e => e.Node == node)
                .Select(e => (X: e.Time.TotalMilliseconds, Y: (double)long.Parse(e.Detail[(e.Detail.IndexOf("term=", StringComparison.Ordinal) + 5)..])))
                .ToArray();
            return Charts.Steps(node.ToString(), points, end.TotalMilliseconds);
        }).Where(s => s.X.Count > 0).ToArray();
        return Charts.Lines(title, "virtual time (ms)", "term", series);
    }

    /// <summary>Commit index over time per server, from the trace's "commit" notes.</summary>
    public static GenericChart CommitIndex(SimulationTrace trace, IEnumerable<NodeId> servers, TimeSpan end, string title = "Commit index over time")
    {
        var series = servers.Select(node =>
        {
            var points = trace.Notes("commit").Where(e => e.Node == node)
                .Select(e => (X: e.Time.TotalMilliseconds, Y: double.Parse(e.Detail.Split(' ')[^1]))).ToArray();
            return Charts.Steps(node.ToString(), points, end.TotalMilliseconds);
        }).Where(s => s.X.Count > 0).ToArray();
        return Charts.Lines(title, "virtual time (ms)", "commit index", series);
    }

    /// <summary>
    /// The log matrix: one row per server, one column per index, coloured by the entry's term. Entries
    /// compacted into a snapshot are blank; the title gives each server's commit index.
    /// </summary>
    public static GenericChart LogMatrix(RaftCluster cluster, string title = "Logs (colour = term)")
    {
        var live = Enumerable.Range(0, cluster.Servers).Where(cluster.IsUp).ToArray();
        var last = live.Select(i => cluster.Node(i).Log.LastIndex).DefaultIfEmpty(0).Max();
        var indices = Enumerable.Range(1, (int)Math.Max(1, last)).ToArray();
        var z = live.Select(i =>
        {
            var log = cluster.Node(i).Log;
            return indices.Select(ix => log.TermAt(ix) is { } t && ix > log.SnapshotIndex ? (double)t : double.NaN).ToArray();
        }).ToArray();
        var rows = live.Select(i => $"n{i} (commit {cluster.Node(i).CommitIndex})").ToArray();
        var heatmap = Plotly.NET.CSharp.Chart.Heatmap<double, int, string, string>(zData: z, X: indices, Y: rows, ColorScale: StyleParam.Colorscale.Viridis);
        return Charts.Style(heatmap, title, "log index", "").WithSize(860, 140 + 40 * rows.Length);
}
}
