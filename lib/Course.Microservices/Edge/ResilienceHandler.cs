using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Course.Microservices.Edge;

/// <summary>
/// What a mesh sidecar (Envoy in Istio, linkerd2-proxy) does to every outgoing call, as a Polly pipeline around the
/// forwarder's HTTP handler: retry a failed attempt (only requests without a body: a streamed body cannot be sent
/// twice, and only idempotent calls should be), bound each attempt with a timeout, and open a circuit breaker when
/// failures pile up so a sick service gets rest and callers get a fast 503 instead of a slow one (Nygard, Release It!).
/// </summary>
public sealed class ResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<bool> Replayable = new("course.replayable");
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly CircuitBreakerStateProvider _breaker = new();
    private readonly SidecarStats _stats;

    public ResilienceHandler(SidecarResilience options, SidecarStats stats)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stats = stats ?? throw new ArgumentNullException(nameof(stats));
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Context.Properties.GetValue(Replayable, false) && IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    _stats.Retried();
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _breaker,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnOpened = _ => { _stats.Opened(); return default; },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>Closed, Open, HalfOpen or Isolated (as a string: Polly 7, pulled in by another package, has a type of the same name).</summary>
    public string Breaker => _breaker.CircuitState.ToString();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Replayable, request.Content is null);
        try
        {
            return await _pipeline.ExecuteAsync(async (ctx, _) =>
            {
                _stats.Attempted();
                return await base.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
            }, context, 0).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            _stats.ShortCircuited();
            return Refusal(HttpStatusCode.ServiceUnavailable, "circuit open", request);
        }
        catch (TimeoutRejectedException)
        {
            return Refusal(HttpStatusCode.GatewayTimeout, "attempt timed out", request);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError };

    private static HttpResponseMessage Refusal(HttpStatusCode status, string why, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent($"sidecar: {why}") };
        response.Headers.Add(SidecarStats.Header, why);
        return response;
    }
}
