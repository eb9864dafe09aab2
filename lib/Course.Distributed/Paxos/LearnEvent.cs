using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary><paramref name="Node"/>'s learner learned <paramref name="Value"/> at virtual time <paramref name="Time"/>.</summary>
public sealed record LearnEvent(TimeSpan Time, NodeId Node, string Value);
