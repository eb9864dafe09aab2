using System.Globalization;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Course.Gateway.Api;

/// <summary>
/// Runs each outgoing call of one downstream through a Polly pipeline — circuit breaker outside, timeout inside, so a timeout
/// counts as a failure — and turns Polly's verdicts into HTTP answers the proxy can pass on: an open circuit is 503 with
/// Retry-After (the backend is never called), a timeout is 504. YARP sends through this handler via <see cref="GatewayHooks"/>.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    public const string CircuitHeader = "X-Circuit";
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ResilienceHandler(HttpMessageHandler inner, ResilienceSpec spec, CircuitMonitor monitor, TimeProvider time) : base(inner)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = spec.FailureRatio,
                MinimumThroughput = spec.MinimumThroughput,
                SamplingDuration = spec.SamplingDuration,
                BreakDuration = spec.BreakDuration,
                StateProvider = monitor.StateProvider,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
                OnOpened = _ => { monitor.Record(CircuitState.Open); return default; },
                OnHalfOpened = _ => { monitor.Record(CircuitState.HalfOpen); return default; },
                OnClosed = _ => { monitor.Record(CircuitState.Closed); return default; },
            })
            .AddTimeout(spec.Timeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(static async (state, token) =>
                await state.Handler.BaseSendAsync(state.Request, token).ConfigureAwait(false),
                (Handler: this, Request: request), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException open)
        {
            var answer = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            answer.Headers.Add(CircuitHeader, "open");
            var retryAfter = open.RetryAfter ?? TimeSpan.FromSeconds(1);
            answer.Headers.Add("Retry-After", Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            return answer;
        }
        catch (TimeoutRejectedException)
        {
            return new HttpResponseMessage(HttpStatusCode.GatewayTimeout) { RequestMessage = request };
        }
    }

    private Task<HttpResponseMessage> BaseSendAsync(HttpRequestMessage request, CancellationToken token) => base.SendAsync(request, token);
}
