using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Course.Gateway.Api;

/// <summary>
/// Wires a <see cref="RateLimitSpec"/> into the gateway: the in-process kinds through ASP.NET's rate-limiting middleware
/// (one limiter per client partition), the Redis kind through a small middleware around <see cref="RedisTokenBucket"/>.
/// Both reject with 429 and a Retry-After in whole seconds, rounded up (never 0: "retry now" would be a lie).
/// </summary>
internal static class RateLimiting
{
    public static void AddServices(IServiceCollection services, RateLimitSpec spec)
    {
        if (spec is RateLimitSpec.DistributedTokenBucket) return;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var client = ClientIdentity.Of(context);
                return spec switch
                {
                    RateLimitSpec.TokenBucket b => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = b.Capacity, TokensPerPeriod = b.TokensPerPeriod, ReplenishmentPeriod = b.Period,
                        QueueLimit = 0, AutoReplenishment = true,
                    }),
                    RateLimitSpec.SlidingWindow w => RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = w.Permits, Window = w.Window, SegmentsPerWindow = w.Segments,
                        QueueLimit = 0, AutoReplenishment = true,
                    }),
                    _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown rate limit kind"),
                };
            });
            options.OnRejected = (rejected, _) =>
            {
                // The token bucket reports when the next token arrives; a sliding window frees a permit when its oldest segment slides out.
                var after = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
                    : spec is RateLimitSpec.SlidingWindow w ? w.Window / w.Segments : TimeSpan.FromSeconds(1);
                SetRetryAfter(rejected.HttpContext.Response, after);
                return ValueTask.CompletedTask;
            };
        });
    }

    public static void Use(WebApplication app, RateLimitSpec spec, Action<string, bool> record)
    {
        if (spec is RateLimitSpec.DistributedTokenBucket d)
        {
            var connection = ConnectionMultiplexer.Connect(new ConfigurationOptions
            {
                EndPoints = { d.RedisAddress }, AbortOnConnectFail = true, ConnectTimeout = 5000,
            });
            app.Lifetime.ApplicationStopped.Register(connection.Dispose);
            var bucket = new RedisTokenBucket(connection.GetDatabase(), d.KeyPrefix, d.Capacity, d.TokensPerSecond);
            app.Use(async (context, next) =>
            {
                var client = ClientIdentity.Of(context);
                var decision = await bucket.TryTakeAsync(client).ConfigureAwait(false);
                record(client, decision.Allowed);
                if (decision.Allowed) { await next(context).ConfigureAwait(false); return; }
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                SetRetryAfter(context.Response, decision.RetryAfter);
            });
            return;
        }
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            record(ClientIdentity.Of(context), context.Response.StatusCode != StatusCodes.Status429TooManyRequests);
        });
        app.UseRateLimiter();
    }

    private static void SetRetryAfter(HttpResponse response, TimeSpan after) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
