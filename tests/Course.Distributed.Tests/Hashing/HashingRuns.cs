using Course.Distributed.Hashing;

namespace Course.Distributed.Tests.Hashing;

/// <summary>Node names and the fixed key seeds the hashing tests draw from (printed with every figure, so a failure replays).</summary>
internal static class HashingRuns
{
    public static string[] Nodes(int n, string prefix = "node") => Enumerable.Range(0, n).Select(i => $"{prefix}-{i}").ToArray();

    public static ulong[] Keys(int count, int seed) => KeyHash.SampleKeys(count, seed);

    public static string Describe(LoadReport r) =>
        $"keys={r.Keys} nodes={r.Nodes} max/mean={r.MaxOverMean:F4} min/mean={r.MinOverMean:F4} sd/mean={r.RelativeStdDev:F4}";

    public static string Describe(MovementReport r) =>
        $"moved={r.MovedFraction:F4} ideal={r.IdealFraction:F4} over-ideal={r.OverIdeal:F3} needless={r.Needless}";
}
