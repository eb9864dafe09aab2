namespace Course.LoadBalancing.L3;

/// <summary>What a link failure did to a set of flows.</summary>
/// <param name="FlowsPerHopBefore">Flows on each link before the failure.</param>
/// <param name="OnFailedLink">Flows that were on the failed link (they must move).</param>
/// <param name="MovedNeedlessly">Flows on surviving links that moved anyway — each one a broken connection if the next hops are stateful (L4 balancers, firewalls).</param>
public sealed record EcmpFailureReport(EcmpHashing Hashing, int Flows, IReadOnlyDictionary<string, int> FlowsPerHopBefore,
    IReadOnlyDictionary<string, int> FlowsPerHopAfter, int OnFailedLink, int MovedNeedlessly)
{
    public double NeedlessFraction => (double)MovedNeedlessly / (Flows - OnFailedLink);
}

/// <summary>ECMP experiments: flow stickiness and the effect of one link failure under modulo vs resilient hashing.</summary>
public static class EcmpExperiment
{
    /// <summary>Routes <paramref name="packetsPerFlow"/> packets of every flow; returns the flows whose packets took more than one link (should be none).</summary>
    public static int FlowsSplitAcrossLinks(EcmpGroup group, IReadOnlyList<FiveTuple> flows, int packetsPerFlow) =>
        flows.Count(f => Enumerable.Range(0, packetsPerFlow).Select(_ => group.Route(f)).Distinct().Count() > 1);

    public static EcmpFailureReport LinkFailure(IReadOnlyList<string> links, EcmpHashing hashing, string failed, int flows, int seed)
    {
        var before = new EcmpGroup(links, hashing);
        var after = before.Without(failed);
        var tuples = FiveTuple.RandomFlows(flows, seed);
        var routes = tuples.Select(t => (Before: before.Route(t), After: after.Route(t))).ToArray();
        return new EcmpFailureReport(hashing, flows,
            Count(links, routes.Select(r => r.Before)),
            Count(after.NextHops, routes.Select(r => r.After)),
            routes.Count(r => r.Before == failed),
            routes.Count(r => r.Before != failed && r.Before != r.After));
    }

    private static IReadOnlyDictionary<string, int> Count(IEnumerable<string> hops, IEnumerable<string> chosen)
    {
        var counts = hops.ToDictionary(h => h, _ => 0);
        foreach (var c in chosen) counts[c]++;
        return counts;
    }
}
