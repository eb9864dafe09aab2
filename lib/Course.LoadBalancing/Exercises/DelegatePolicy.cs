namespace Course.LoadBalancing.Exercises;

/// <summary>Turns a pick function (what a notebook cell writes) into a policy the simulator can run.</summary>
public sealed class DelegatePolicy(string name, Func<IReadOnlyList<BackendState>, RequestContext, BackendState?> pick) : ILoadBalancingPolicy
{
    private readonly Func<IReadOnlyList<BackendState>, RequestContext, BackendState?> _pick = pick ?? throw new ArgumentNullException(nameof(pick));

    public string Name { get; } = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A policy needs a name.", nameof(name)) : name;

    public BackendState? Pick(IReadOnlyList<BackendState> healthy, RequestContext context) => _pick(healthy, context);
}
