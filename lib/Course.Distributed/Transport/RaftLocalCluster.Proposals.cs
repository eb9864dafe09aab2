using System.Diagnostics;

namespace Course.Distributed.Transport;

public sealed partial class RaftLocalCluster
{
    /// <summary>
    /// Proposes <paramref name="command"/> and waits until it commits (bounded; 5 s by default). Goes to the
    /// leader — following a follower's redirect, or waiting out an election — and retries when the leader dies
    /// or its entry is overwritten. Like any Raft client without sessions this is at-least-once: a retry after a
    /// leader died mid-commit can commit the command twice (thesis §6.3).
    /// </summary>
    public async Task<CommitResult> ProposeAsync(string command, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        int? target = null;
        var attempts = 0;
        while (DateTime.UtcNow < deadline)
        {
            target ??= (await FindLeaderAsync().ConfigureAwait(false))?.Node;
            if (target is not { } node)
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
                continue;
            }
            var (host, raft) = Running(SlotOf(node));
            if (host is null || raft is null) { target = null; continue; }

            (long Index, long Term, bool IsLeader, int? Hint) reply;
            attempts++;
            try
            {
                reply = await CallAsync(host, () =>
                {
                    var (index, term, isLeader) = raft.Propose(command);
                    return (index, term, isLeader, raft.LeaderId?.Value);
                }).ConfigureAwait(false);
            }
            catch (NodeDownException) { target = null; continue; }

            if (!reply.IsLeader)
            {
                // Redirect to the leader the follower knows of; without one, an election is on: wait a little.
                target = reply.Hint is { } hint && hint != node ? hint : null;
                if (target is null) await Task.Delay(PollInterval).ConfigureAwait(false);
                continue;
            }
            if (await WaitForCommitAsync(node, reply.Index, reply.Term, deadline).ConfigureAwait(false))
                return new CommitResult(reply.Index, reply.Term, node, clock.Elapsed, attempts);
            target = null; // the leader died or lost the entry: find the new one and try again
        }
        throw new TimeoutException($"'{command}' did not commit within {timeout ?? DefaultWait}.{Environment.NewLine}{Events.Tail()}");
    }

    /// <summary>
    /// True once <paramref name="node"/> applied an entry at <paramref name="index"/> with <paramref name="term"/>
    /// (same index and term means the same entry, §5.3); false if another entry landed there or the node died.
    /// </summary>
    private async Task<bool> WaitForCommitAsync(int node, long index, long term, DateTime deadline)
    {
        var slot = SlotOf(node);
        var host = slot.Host;
        var outcome = false;
        await WaitUntilAsync(() =>
        {
            if (slot.Applied.At(index) is { } applied) { outcome = applied.Term == term; return true; }
            return slot.Host != host || host is not { IsRunning: true };
        }, deadline - DateTime.UtcNow).ConfigureAwait(false);
        return outcome;
    }
}
