using Course.Simulation;

namespace Course.Distributed.Transport;

/// <summary>A call queued for a node's thread.</summary>
internal abstract class Invocation
{
    public abstract void Run();
    public abstract void Abandon(NodeId node);
}

internal sealed class Invocation<T>(Func<T> action) : Invocation
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _result.Task;

    public override void Run()
    {
        try { _result.TrySetResult(action()); }
        catch (Exception e) { _result.TrySetException(e); }
    }

    public override void Abandon(NodeId node) =>
        _result.TrySetException(new NodeDownException(node));
}
