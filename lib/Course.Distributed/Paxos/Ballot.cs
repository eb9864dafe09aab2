using Course.Simulation;

namespace Course.Distributed.Paxos;

/// <summary>
/// A proposal number. "Paxos Made Simple" §2.2 needs different proposals to have different numbers, and §2.5
/// gets that by giving each proposer its own disjoint set: here a round counter made unique by the
/// proposer's id, ordered by round first. Round 0 (<see cref="Zero"/>) means "nothing promised or accepted
/// yet"; real ballots start at round 1.
/// </summary>
public readonly record struct Ballot(int Round, NodeId Proposer) : IComparable<Ballot>
{
    public static Ballot Zero => default;

    public bool IsZero => Round == 0;

    /// <summary>The smallest ballot of <paramref name="self"/> above both this one and <paramref name="atLeast"/>.</summary>
    public static Ballot Above(Ballot atLeast, int ownRound, NodeId self) =>
        new(Math.Max(atLeast.Round, ownRound) + 1, self);

    public int CompareTo(Ballot other) =>
        Round != other.Round ? Round.CompareTo(other.Round) : Proposer.CompareTo(other.Proposer);

    public static bool operator <(Ballot a, Ballot b) => a.CompareTo(b) < 0;
    public static bool operator >(Ballot a, Ballot b) => a.CompareTo(b) > 0;
    public static bool operator <=(Ballot a, Ballot b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Ballot a, Ballot b) => a.CompareTo(b) >= 0;

    public static Ballot Max(Ballot a, Ballot b) => a >= b ? a : b;

    public override string ToString() => IsZero ? "⊥" : $"{Round}.{Proposer}";
}
