using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>
/// Something a node noted (role, term, commit …) or its host did (started, killed, connected), stamped with
/// the cluster clock (<see cref="At"/>, for plots) and the wall clock (<see cref="WallClock"/>, for logs).
/// </summary>
public sealed record NodeEvent(TimeSpan At, DateTimeOffset WallClock, NodeId Node, string Category, string Detail)
{
    public override string ToString() => $"{At.TotalMilliseconds,9:F1} ms  {Node,-4} [{Category}] {Detail}";
}
