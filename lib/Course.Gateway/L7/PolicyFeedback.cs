using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Course.Gateway;

/// <summary>
/// The proxy-pipeline step right after load balancing: forwards, then tells a course policy how the attempt ended
/// (status 0 for a transport failure), so least-connections and peak-EWMA see every attempt finish — retries included.
/// </summary>
internal static class PolicyFeedback
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        try { await next().ConfigureAwait(false); }
        finally
        {
            if (context.Features.Get<PendingPick>() is { } pick)
            {
                context.Features.Set<PendingPick>(null);
                var status = context.Features.Get<IForwarderErrorFeature>() is null ? context.Response.StatusCode : 0;
                pick.Balancer.Finish(pick, status);
            }
        }
    }
}
