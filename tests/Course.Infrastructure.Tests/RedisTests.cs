using Course.Infrastructure.Tests.Support;
using StackExchange.Redis;

namespace Course.Infrastructure.Tests;

public sealed class RedisTests
{
    [SkippableFact]
    public async Task Round_trip_with_StackExchange_Redis_then_dispose_leaves_nothing_running()
    {
        var redis = await CourseServices.RedisAsync();
        await using (redis)
        {
            Skip.If(!redis.IsAvailable, redis.Description);
            Assert.Equal(CourseServices.Redis, redis.Service);

            await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
            {
                var db = connection.GetDatabase();
                var key = $"course:test:{Guid.NewGuid():N}";
                Assert.True(await db.StringSetAsync(key, "hello", TimeSpan.FromMinutes(1)));
                Assert.Equal("hello", (string?)await db.StringGetAsync(key));
                Assert.Equal(1, await db.StringIncrementAsync(key + ":n"));
                await db.ListRightPushAsync(key + ":l", ["a", "b", "c"]);
                Assert.Equal(["a", "b", "c"], (await db.ListRangeAsync(key + ":l")).Select(v => (string)v!));
                await db.KeyDeleteAsync([key, key + ":n", key + ":l"]);
            }

            var assertNoLeaks = Leaks.ExpectNoneAfterDispose(redis);
            await redis.DisposeAsync();
            await assertNoLeaks();
        }
    }
}
