using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Polly;
using Polly.Retry;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Course.Gateway;

/// <summary>
/// Retries for YARP, which forwards each request exactly once (by design: only the application knows what is safe to repeat).
/// A retry is possible only while nothing has reached the client, so this step (first in the proxy pipeline) runs the rest of
/// the pipeline — affinity → load balancing → forwarding — again when an attempt failed without starting the response:
/// <list type="bullet">
/// <item>a transport failure (connection refused, reset): YARP records <see cref="IForwarderErrorFeature"/> and a 502, body unsent;</item>
/// <item>a 5xx answer: <see cref="AddTransform"/>'s response transform suppresses its body, so the response is not started either.</item>
/// </list>
/// Polly's retry strategy owns the attempt count and back-off; each attempt excludes the destinations already tried.
/// Only idempotent methods are retried (RFC 9110 §9.2.2): repeating a POST could charge a card twice.
/// </summary>
internal static class RetryStep
{
    private static readonly ConcurrentDictionary<RetryPolicy, ResiliencePipeline<bool>> Pipelines = new();

    public static async Task InvokeAsync(HttpContext context, Func<Task> next, Func<string, RetryPolicy?> policyOf, Action onRetry)
    {
        var proxy = context.GetReverseProxyFeature();
        var policy = policyOf(proxy.Cluster.Config.ClusterId);
        if (policy is null || !HttpMethods.IsGet(context.Request.Method) && !IsOtherIdempotent(context.Request.Method))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var attempts = new RetryAttempts(proxy.AvailableDestinations, policy.MaxRetries);
        context.Features.Set(attempts);
        context.Request.EnableBuffering();   // a body must be replayable
        var pipeline = Pipelines.GetOrAdd(policy, Build);
        await pipeline.ExecuteAsync(async (state, _) =>
        {
            var (ctx, attempt, nextStep, retried) = state;
            if (attempt.Number > 0)
            {
                Reset(ctx);
                retried();
            }
            proxy.AvailableDestinations = attempt.Untried();
            await nextStep().ConfigureAwait(false);
            return attempt.Finish(proxy.ProxiedDestination, ctx);
        }, (context, attempts, next, onRetry), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The response transform that holds back a 5xx body while another attempt is still possible.</summary>
    public static void AddTransform(TransformBuilderContext builder) =>
        builder.AddResponseTransform(transform =>
        {
            if (transform.HttpContext.Features.Get<RetryAttempts>() is { } attempts
                && transform.ProxyResponse is { } response && (int)response.StatusCode >= 500
                && attempts.AnotherAttemptPossible)
            {
                transform.SuppressResponseBody = true;
                attempts.HeldBack = true;
            }
            return ValueTask.CompletedTask;
        });

    private static ResiliencePipeline<bool> Build(RetryPolicy policy) =>
        new ResiliencePipelineBuilder<bool>()
            .AddRetry(new RetryStrategyOptions<bool>
            {
                MaxRetryAttempts = policy.MaxRetries,
                Delay = policy.Delay,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result),   // true = "this attempt failed, try again"
            })
            .Build();

    private static void Reset(HttpContext context)
    {
        context.Response.Clear();                                   // status 200, no headers: nothing was sent yet
        context.Features.Set<IForwarderErrorFeature>(null);
        if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
    }

    private static bool IsOtherIdempotent(string method) =>
        HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);
}

/// <summary>The attempts of one request: which destinations were tried, whether a failed answer is being held back.</summary>
internal sealed class RetryAttempts(IReadOnlyList<DestinationState> candidates, int maxRetries)
{
    private readonly HashSet<DestinationState> _tried = [];

    public int Number { get; private set; }
    public bool HeldBack { get; set; }

    /// <summary>True while this is not the last attempt and an untried destination would remain after it.</summary>
    public bool AnotherAttemptPossible => Number < maxRetries && candidates.Count - _tried.Count > 1;

    public IReadOnlyList<DestinationState> Untried() => candidates.Where(d => !_tried.Contains(d)).ToArray();

    /// <summary>Records the attempt; true when it failed and may be retried (nothing reached the client).</summary>
    public bool Finish(DestinationState? destination, HttpContext context)
    {
        var retry = AnotherAttemptPossible && !context.Response.HasStarted
            && (HeldBack || context.Features.Get<IForwarderErrorFeature>() is not null);
        if (destination is not null) _tried.Add(destination);
        HeldBack = false;
        Number++;
        return retry;
    }
}
