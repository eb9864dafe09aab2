using Course.Distributed.Raft;

namespace Course.Distributed.Tests.Raft;

/// <summary>MIT 6.5840's Raft lab scenarios, each over many seeds in virtual time.</summary>
public class RaftLabTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var s in RaftScenarios.All) data.Add(s.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario(string name)
    {
        var scenario = RaftScenarios.Named(name);
        SeedRuns.ForEachSeed(name, seed => scenario.Run(seed, null));
    }

    [Fact]
    public void TheLabsScenarioListIsComplete()
    {
        string[] lab =
        [
            "InitialElection", "ReElection", "ManyElections", "BasicAgree", "RPCBytes", "FollowerFailure", "LeaderFailure",
            "FailAgree", "FailNoAgree", "ConcurrentStarts", "Rejoin", "Backup", "Count", "Persist1", "Persist2", "Persist3",
            "Figure8", "UnreliableAgree", "Figure8Unreliable", "ReliableChurn", "UnreliableChurn", "SnapshotBasic",
            "SnapshotInstall", "SnapshotInstallUnreliable", "SnapshotInstallCrash", "SnapshotInstallUnCrash",
            "SnapshotAllCrash", "SnapshotInit",
        ];
        Assert.Equal(lab, RaftScenarios.All.Select(s => s.Name));
    }
}
