namespace Course.Distributed.Paxos;

/// <summary>
/// Majorities: any two share at least one acceptor, which is what carries a chosen value from one ballot to
/// the next ("Paxos Made Simple" §2.2).
/// </summary>
public static class Quorum
{
    public static int Majority(int acceptors) => acceptors / 2 + 1;
}
