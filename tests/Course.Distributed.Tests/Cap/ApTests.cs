using Course.Distributed.Cap;
using Course.Distributed.Linearizability;

namespace Course.Distributed.Tests.Cap;

/// <summary>The two AP stores under the very same partition schedule and workload as the CP store.</summary>
public class ApTests
{
    private static readonly CapSystemKind[] ApSystems = [CapSystemKind.ApLastWriterWins, CapSystemKind.ApVersionVectors];

    [Fact]
    public void BothAreFullyAvailableUnderTheSameSchedule()
    {
        foreach (var run in CapRuns.Partitioned)
            foreach (var system in ApSystems)
            {
                var ap = run[system];
                Assert.True(ap.Availability == 1, $"seed {run.Seed}: {ap}");
                Assert.True(ap.ReplicasAgree, $"seed {run.Seed}: {ap.Name} replicas did not converge after the heal");
            }
    }

    [Fact]
    public void HistoriesAreNotLinearizableOnMostSeedsAndReadsGoStale()
    {
        foreach (var system in ApSystems)
        {
            var illegal = CapRuns.Partitioned.Where(run => run[system].Verdict == CheckOutcome.Illegal).Select(run => run.Seed).ToArray();
            Assert.True(illegal.Length >= 0.8 * CapRuns.Seeds.Count,
                $"{system}: not linearizable on only {illegal.Length}/{CapRuns.Seeds.Count} seeds [{string.Join(", ", illegal)}]");
            foreach (var run in CapRuns.Partitioned)
                Assert.True(run[system].StaleReads > 0, $"seed {run.Seed}: {system} counted no stale read");
        }
    }

    [Fact]
    public void LastWriterWinsLosesAcknowledgedWritesThatVersionVectorsKeepAsSiblings()
    {
        foreach (var run in CapRuns.Partitioned)
        {
            var lww = run[CapSystemKind.ApLastWriterWins];
            var vv = run[CapSystemKind.ApVersionVectors];
            Assert.True(lww.LostWrites > 0, $"seed {run.Seed}: LWW lost no write\n{run.Summary()}");
            Assert.True(vv.LostWrites == 0, $"seed {run.Seed}: version vectors lost {vv.LostWrites}, e.g. {vv.Consistency.Lost.FirstOrDefault()}");
            Assert.True(vv.SiblingReads > 0 && vv.Consistency.MaxSiblings >= 2, $"seed {run.Seed}: no siblings\n{run.Summary()}");
            Assert.True(lww.SiblingReads == 0 && run[CapSystemKind.Cp].SiblingReads == 0, $"seed {run.Seed}: siblings from a single-value store");
        }
    }

    [Fact]
    public void WritesOnBothSidesOfASplitComeBackAsSiblingsOrOneIsLost()
    {
        // dc0 is cut off from 1 s to 3 s; a client on each side writes the key once, neither seeing the other.
        var options = new CapExperimentOptions
        {
            Seed = 5,
            ClientsPerReplica = 1,
            Duration = TimeSpan.FromSeconds(4),
            ClockSkew = TimeSpan.Zero,
            Schedule = new PartitionSchedule([new PartitionWindow(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), [0])]),
            Requests =
            [
                new WorkloadRequest(1, 0, TimeSpan.FromSeconds(1.5), CapOperation.Write, "x", "left"),
                new WorkloadRequest(2, 1, TimeSpan.FromSeconds(2.0), CapOperation.Write, "x", "right"),
                new WorkloadRequest(3, 0, TimeSpan.FromSeconds(2.5), CapOperation.Read, "x", ""),
            ],
        };
        var run = CapExperiment.Run(options);

        var lww = run[CapSystemKind.ApLastWriterWins];
        Assert.Equal(["right"], lww.FinalValues["x"]); // the later stamp wins...
        Assert.Equal("left", Assert.Single(lww.Consistency.Lost).Value); // ...and the acknowledged "left" is gone

        var vv = run[CapSystemKind.ApVersionVectors];
        Assert.Equal(["left", "right"], vv.FinalValues["x"]);
        Assert.Equal(0, vv.LostWrites);

        var cp = run[CapSystemKind.Cp];
        Assert.Equal(RequestOutcome.Refused, cp.Records.Single(r => r.Id == 1).Outcome); // dc0 was the minority: certainly not applied
        Assert.Equal(["right"], cp.FinalValues["x"]);
        Assert.True(cp.IsLinearizable, cp.Explanation);
        Assert.Equal(2, run[CapSystemKind.ApLastWriterWins].Records.Count(r => r.IsOk && r.Operation == CapOperation.Write));
    }

    [Fact]
    public void ASkewedClockMakesLastWriterWinsDropALaterWrite()
    {
        // DDIA figure 8-3: dc0's clock runs 100 ms ahead, so its earlier write out-stamps dc1's later one.
        var options = new CapExperimentOptions
        {
            Seed = 5,
            ClientsPerReplica = 1,
            Duration = TimeSpan.FromSeconds(2),
            Schedule = PartitionSchedule.None,
            ClockOffsets = [TimeSpan.FromMilliseconds(100), TimeSpan.Zero, TimeSpan.Zero],
            Requests =
            [
                new WorkloadRequest(1, 0, TimeSpan.FromSeconds(1.00), CapOperation.Write, "x", "early"),
                new WorkloadRequest(2, 1, TimeSpan.FromSeconds(1.05), CapOperation.Write, "x", "late"),
                new WorkloadRequest(3, 2, TimeSpan.FromSeconds(1.50), CapOperation.Read, "x", ""),
            ],
        };
        var run = CapExperiment.Run(options);

        var lww = run[CapSystemKind.ApLastWriterWins];
        Assert.Equal(["early"], lww.FinalValues["x"]);
        Assert.Equal("late", Assert.Single(lww.Consistency.Lost).Value);
        Assert.Equal(1, lww.StaleReads); // the read at 1.5 s still sees "early"
        Assert.Equal(CheckOutcome.Illegal, lww.Verdict);

        foreach (var system in new[] { CapSystemKind.Cp, CapSystemKind.ApVersionVectors })
        {
            Assert.Equal(["late"], run[system].FinalValues["x"]); // no clocks: the write that saw "early" replaces it
            Assert.Equal(0, run[system].LostWrites);
            Assert.True(run[system].IsLinearizable, run[system].Explanation);
        }
    }
}
