using Course.Infrastructure.Local;
using Course.Infrastructure.Processes;
using StackExchange.Redis;

namespace Course.Infrastructure.Tests;

/// <summary>Changes process-wide environment variables, so it runs alone (after the parallel tests).</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;

[Collection(nameof(EnvironmentVariableCollection))]
public sealed class EnvironmentVariableTests
{
    private const string Variable = "COURSE_REDIS";

    [Theory]
    [InlineData("127.0.0.1:6379", "127.0.0.1", 6379)]
    [InlineData(" redis.local:1 ", "redis.local", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void Parses_host_and_port(string value, string host, int port) =>
        Assert.Equal((host, port), EndpointVariable.Parse(Variable, value));

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:")]
    [InlineData(":6379")]
    [InlineData("localhost:abc")]
    [InlineData("localhost:0")]
    [InlineData("localhost:70000")]
    [InlineData("localhost:-1")]
    [InlineData("::1:6379")]
    [InlineData("[::1:6379")]
    [InlineData("my host:6379")]
    [InlineData("redis://localhost:6379")]
    public void Rejects_a_malformed_value_with_a_message_naming_the_variable(string value)
    {
        var error = Assert.Throws<FormatException>(() => EndpointVariable.Parse(Variable, value));
        Assert.Contains(Variable, error.Message);
        Assert.Contains(value, error.Message);
        Assert.Contains("host:port", error.Message.Replace("127.0.0.1:6379", "host:port"));
    }

    [SkippableFact]
    public async Task The_variable_wins_over_starting_a_server()
    {
        await using var started = await LocalRedis.StartAsync(default);
        Skip.If(!started.IsAvailable, started.Description);

        await using var endpoint = await WithVariable(started.Address, () => CourseServices.RedisAsync());

        Assert.Equal(ServiceMode.EnvironmentVariable, endpoint.Mode);
        Assert.Equal(started.Port, endpoint.Port);
        Assert.Contains(Variable, endpoint.Description);
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(endpoint.ConnectionString))
            Assert.Equal("pong", (string?)await connection.GetDatabase().ExecuteAsync("ECHO", "pong"));

        // Disposing an endpoint we did not start must not stop the server behind it.
        await endpoint.DisposeAsync();
        Assert.True(await TcpProbe.AcceptsAsync(started.Host, started.Port, TimeSpan.FromSeconds(2), default));
    }

    [Fact]
    public async Task A_malformed_variable_is_an_error_not_a_silent_fallback()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => WithVariable("redis-without-port", () => CourseServices.RedisAsync()));
        Assert.Contains($"{Variable}='redis-without-port'", error.Message);
    }

    [Fact]
    public async Task A_variable_pointing_at_nothing_gives_an_unavailable_endpoint_with_the_reason()
    {
        var port = FreePort.Next();
        await using var endpoint = await WithVariable($"127.0.0.1:{port}", () => CourseServices.RedisAsync());
        Assert.False(endpoint.IsAvailable);
        Assert.Contains($"{Variable}=127.0.0.1:{port}", endpoint.Description);
        Assert.Contains("nothing accepts connections", endpoint.Description);
    }

    private static async Task<T> WithVariable<T>(string value, Func<Task<T>> action)
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, value);
        try { return await action(); }
        finally { Environment.SetEnvironmentVariable(Variable, before); }
    }
}
