using Course.Infrastructure.Local;
using Course.Infrastructure.Tests.Support;

namespace Course.Infrastructure.Tests;

/// <summary>The server side only (four-letter words); the course's ZooKeeper client has its own tests.</summary>
public sealed class ZooKeeperServerTests
{
    [SkippableFact]
    public async Task Answers_four_letter_words_then_dispose_leaves_nothing_running()
    {
        var zookeeper = await CourseServices.ZooKeeperAsync();
        await using (zookeeper)
        {
            Skip.If(!zookeeper.IsAvailable, zookeeper.Description);

            Assert.Equal("imok", await LocalZooKeeper.FourLetterWordAsync(zookeeper.Host, zookeeper.Port, "ruok", default));
            var srvr = await LocalZooKeeper.FourLetterWordAsync(zookeeper.Host, zookeeper.Port, "srvr", default);
            Assert.Contains("Zookeeper version: 3.", srvr);
            Assert.Contains("Mode: standalone", srvr);

            var assertNoLeaks = Leaks.ExpectNoneAfterDispose(zookeeper);
            await zookeeper.DisposeAsync();
            await assertNoLeaks();
        }
    }
}
