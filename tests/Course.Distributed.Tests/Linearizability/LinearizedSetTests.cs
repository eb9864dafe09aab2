using Course.Distributed.Linearizability;
using Xunit.Abstractions;

namespace Course.Distributed.Tests.Linearizability;

/// <summary>
/// The memo key must be exact: equal sets give equal windows and hashes, different sets different windows.
/// A false "equal" would prune a live search path and turn a linearizable history into a wrong Illegal.
/// </summary>
public class LinearizedSetTests(ITestOutputHelper output)
{
    [Fact]
    public void WindowsAreEqualExactlyWhenTheSetsAre()
    {
        const int seeds = 20, operations = 300, steps = 500;
        for (var seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed);
            var set = new LinearizedSet(operations);
            var truth = new SortedSet<int>();
            var added = new List<int>();
            var seen = new Dictionary<string, (LinearizedSet.Window Window, ulong Hash)>();
            for (var step = 0; step < steps; step++)
            {
                // Like the search: add just above the watermark (drifting up through several words) or undo the last
                // addition, so sets recur; sometimes toggle any operation, far below the watermark included.
                var roll = random.Next(20);
                var absent = Enumerable.Range(0, operations).Where(o => !truth.Contains(o)).Take(4).ToList();
                var op = roll switch
                {
                    < 5 when added.Count > 0 => added[^1],
                    < 17 when absent.Count > 0 => absent[random.Next(absent.Count)],
                    _ => random.Next(operations),
                };
                if (truth.Add(op))
                {
                    set.Add(op);
                    added.Add(op);
                }
                else
                {
                    truth.Remove(op);
                    set.Remove(op);
                    added.Remove(op);
                }

                var members = string.Join(",", truth);
                var window = set.Snapshot();
                Assert.True(members == string.Join(",", Decode(window, operations)), $"seed {seed} step {step}: window does not decode to {{{members}}}");
                Assert.True(window.SameSet(set.Live), $"seed {seed} step {step}: snapshot differs from the live set");
                // A window decodes to exactly its set, so different sets have different windows; equal sets must agree.
                if (seen.TryGetValue(members, out var earlier))
                {
                    Assert.True(window.SameSet(earlier.Window), $"seed {seed} step {step}: {{{members}}} has two windows");
                    Assert.Equal(earlier.Hash, set.Hash);
                }

                seen[members] = (window, set.Hash);
            }
        }

        output.WriteLine($"seeds 0..{seeds - 1}: {steps} steps each over {operations} operations");
    }

    // Everything below the window's first word, plus the window's bits.
    private static IEnumerable<int> Decode(LinearizedSet.Window window, int operations) =>
        Enumerable.Range(0, operations).Where(op =>
            op < window.FirstWord * 64 ||
            (op >> 6) - window.FirstWord < window.Length && (window.Span[(op >> 6) - window.FirstWord] >> op & 1) == 1);

    [Fact]
    public void AWindowHoldsOnlyWhatIsAboveTheWatermark()
    {
        var set = new LinearizedSet(1000);
        for (var op = 0; op < 900; op++)
            set.Add(op);
        set.Add(950);

        var window = set.Snapshot();

        Assert.Equal(900 / 64, window.FirstWord);
        Assert.Equal(950 / 64 - 900 / 64 + 1, window.Length);
        Assert.Equal(window.Length, window.Words.Length);
    }
}
