namespace Course.Notebooks;

/// <summary>
/// A bar in a lane of a timeline chart: node roles over time, a client's operations, a server's outage.
/// <see cref="Category"/> picks the colour and the legend entry.
/// </summary>
public sealed record LaneSegment(string Lane, double Start, double End, string Category, string Label = "");
