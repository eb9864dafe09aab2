using Course.Distributed.Transactions.Sagas;
using Course.Simulation;

namespace Course.Distributed.Messaging.Tests;

/// <summary>Checked before any connection is made: no broker needed.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Has Spaces")]
    [InlineData("UPPER")]
    [InlineData("a/b")]
    public void TopologyPrefixesAreSafeNames(string prefix) =>
        Assert.Equal("prefix", Assert.Throws<ArgumentException>(() => new RabbitTopology(prefix)).ParamName);

    [Fact]
    public void HostOptionsAreChecked()
    {
        Assert.Equal("TickInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new RabbitHostOptions { TickInterval = TimeSpan.Zero }).ParamName);
        Assert.Equal("OperationTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new RabbitHostOptions { OperationTimeout = TimeSpan.FromSeconds(-1) }).ParamName);
        Assert.Equal("DuplicatePublishProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new RabbitHostOptions { DuplicatePublishProbability = 1 }).ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("not a uri")]
    [InlineData("http://127.0.0.1:5672/")]
    public async Task TheConnectionStringMustBeAnAmqpUri(string? connectionString)
    {
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => RabbitSagaDeployment.StartAsync(connectionString!, SagaStyle.Orchestrated));
        Assert.Equal("connectionString", e.ParamName);
    }

    [Fact]
    public async Task StyleAndHandlerAreChecked()
    {
        const string uri = "amqp://guest:guest@127.0.0.1:1/";
        Assert.Equal("style", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RabbitSagaDeployment.StartAsync(uri, (SagaStyle)9))).ParamName);
        Assert.Equal("handler", (await Assert.ThrowsAsync<ArgumentNullException>(() =>
            RabbitEndpointHost.StartAsync(null!, new ConcurrentDurableStorage(), new RabbitTopology("x"), uri))).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => new ConcurrentDurableStorage().Write(null!, [])).ParamName);
        IDurableStorage storage = new ConcurrentDurableStorage();
        storage.Write("k", [1, 2]);
        Assert.Equal([1, 2], storage.Read("k"));
    }
}
