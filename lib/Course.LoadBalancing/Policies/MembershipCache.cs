namespace Course.LoadBalancing.Policies;

/// <summary>
/// Rebuilds a placement structure (a ring, a Maglev table) only when the set of healthy backends changes,
/// as real balancers do on a health transition — not on every pick.
/// </summary>
internal sealed class MembershipCache<T>(Func<IReadOnlyList<BackendState>, T> build) where T : class
{
    private BackendState[] _members = [];
    private T? _built;

    public T Get(IReadOnlyList<BackendState> healthy)
    {
        if (_built is null || !SameMembers(healthy))
        {
            _members = healthy.ToArray();
            _built = build(_members);
        }
        return _built;
    }

    private bool SameMembers(IReadOnlyList<BackendState> healthy)
    {
        if (healthy.Count != _members.Length) return false;
        for (var i = 0; i < _members.Length; i++)
            if (!ReferenceEquals(healthy[i], _members[i])) return false;
        return true;
    }
}
