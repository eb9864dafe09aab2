using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Gateway.Backends;
using Course.LoadBalancing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;
using YarpPolicy = Yarp.ReverseProxy.LoadBalancing.ILoadBalancingPolicy;

namespace Course.Gateway;

/// <summary>
/// Runs a pure Course.LoadBalancing policy as a YARP <see cref="YarpPolicy"/>. YARP hands us the destinations that may
/// take traffic (health and affinity already applied); we map them to the policy's <see cref="BackendState"/>s (one per
/// destination, weight from its metadata), let the policy pick, and report back when the request ends
/// (<see cref="PolicyFeedback"/>) so in-flight counts and latency estimates stay true.
/// The policies are single-threaded by design (they run in virtual time too), so each cluster's calls go through one lock.
/// </summary>
internal sealed class CoursePolicyAdapter(CoursePolicyRegistration registration) : YarpPolicy
{
    public const string WeightMetadata = "Weight";
    private readonly ConcurrentDictionary<string, ClusterBalancer> _clusters = new(StringComparer.OrdinalIgnoreCase);

    public string Name => registration.Name;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        _clusters.GetOrAdd(cluster.ClusterId, _ => new ClusterBalancer(registration.Create()))
            .Pick(context, availableDestinations);

    /// <summary>One policy instance and its backends for one cluster.</summary>
    internal sealed class ClusterBalancer(Course.LoadBalancing.ILoadBalancingPolicy policy)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, BackendState> _backends = new(StringComparer.OrdinalIgnoreCase);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Random _random = new(BalancingPolicies.CourseSeed);

        public DestinationState? Pick(HttpContext context, IReadOnlyList<DestinationState> available)
        {
            lock (_gate)
            {
                // The policy contract wants a stable order; YARP's list follows its dictionary, so sort by id.
                var ordered = available.OrderBy(d => d.DestinationId, StringComparer.Ordinal).ToArray();
                var candidates = ordered.Select(StateOf).ToList();
                var request = new RequestContext(_clock.Elapsed, _random, ClientKey(context));
                var chosen = policy.Pick(candidates, request);
                if (chosen is null) return null;
                chosen.RequestStarted(request.Now);
                policy.OnRequestStarted(chosen, request);
                context.Features.Set(new PendingPick(this, chosen, request));
                return ordered[candidates.IndexOf(chosen)];
            }
        }

        public void Finish(PendingPick pick, int statusCode)
        {
            lock (_gate)
            {
                var now = _clock.Elapsed;
                var outcome = new RequestOutcome(now - pick.Request.Now, statusCode);
                pick.Backend.RequestFinished(now, outcome);
                policy.OnRequestFinished(pick.Backend, pick.Request, outcome);
            }
        }

        private BackendState StateOf(DestinationState destination)
        {
            if (!_backends.TryGetValue(destination.DestinationId, out var state))
            {
                var weight = destination.Model.Config.Metadata?.TryGetValue(WeightMetadata, out var w) == true ? int.Parse(w) : 1;
                _backends[destination.DestinationId] = state = new BackendState(destination.DestinationId, weight);
            }
            return state;
        }
    }

    /// <summary>The client's identity for hashing policies: <see cref="BackendHeaders.ClientId"/>, else its address.</summary>
    internal static string? ClientKey(HttpContext context) =>
        context.Request.Headers.TryGetValue(BackendHeaders.ClientId, out var id) && !string.IsNullOrEmpty(id)
            ? id.ToString()
            : context.Connection.RemoteIpAddress?.ToString();
}

/// <summary>A pick not yet reported back to its policy (one per forwarding attempt).</summary>
internal sealed record PendingPick(CoursePolicyAdapter.ClusterBalancer Balancer, BackendState Backend, RequestContext Request);
