namespace Course.Simulation;

/// <summary>A node's identity in a simulation or a cluster: 0, 1, 2, … shown as n0, n1, n2.</summary>
public readonly record struct NodeId(int Value) : IComparable<NodeId>
{
    public int CompareTo(NodeId other) => Value.CompareTo(other.Value);
    public override string ToString() => $"n{Value}";
    public static implicit operator NodeId(int value) => new(value);
}
