using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Infrastructure.Tests.Support;

namespace Course.Infrastructure.Tests;

/// <summary>Runs tools/Course.ServiceHost as a real separate process (its build is copied next to the tests).</summary>
public sealed partial class ServiceHostTests
{
    [SkippableFact]
    public async Task Killing_the_host_with_SIGKILL_still_stops_the_redis_server_it_started()
    {
        using var host = StartHost("redis");
        try
        {
            var line = await ReadLineMatchingAsync(host, RedisLine(), TimeSpan.FromSeconds(30));
            var match = RedisLine().Match(line);
            Skip.If(match.Groups["mode"].Value != nameof(ServiceMode.LocalProcess), $"Redis was not started as a local process: {line}");
            var port = int.Parse(match.Groups["port"].Value);

            var server = Assert.Single(ProcessTable.Find(p => p.CommandLine.Contains("redis-server") && p.CommandLine.Contains($"127.0.0.1:{port}")));
            // redis-server rewrites its title over argv and environ, so read the directory from its watchdog's arguments.
            var watchdog = Assert.Single(ProcessTable.Find(p => p.Arguments.Contains("course-watchdog") && p.Arguments.Contains($"{port}")));
            var directory = watchdog.Arguments[watchdog.Arguments.ToList().IndexOf("course-watchdog") + 2];
            Assert.True(Directory.Exists(directory), $"expected the data directory '{directory}'");

            host.Kill();   // SIGKILL: no ProcessExit handler, no finally blocks in the host
            Assert.True(host.WaitForExit(5000));

            var left = await ProcessTable.WaitUntilNoneAsync(p => p.Pid == server.Pid, TimeSpan.FromSeconds(10));
            Assert.True(left.Count == 0, $"redis-server {server.Pid} survived its owner's SIGKILL");
            Assert.Empty(await ProcessTable.WaitUntilNoneAsync(ProcessTable.StartedFor(directory, port), TimeSpan.FromSeconds(10)));
            for (var i = 0; i < 20 && Directory.Exists(directory); i++) await Task.Delay(100);
            Assert.False(Directory.Exists(directory), $"data directory {directory} was not deleted");
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
        }
    }

    [SkippableFact]
    public async Task Closing_stdin_stops_the_host_and_its_servers()
    {
        using var host = StartHost("redis");
        try
        {
            var line = await ReadLineMatchingAsync(host, RedisLine(), TimeSpan.FromSeconds(30));
            var match = RedisLine().Match(line);
            Skip.If(match.Groups["mode"].Value != nameof(ServiceMode.LocalProcess), $"Redis was not started as a local process: {line}");
            var port = int.Parse(match.Groups["port"].Value);

            host.StandardInput.Close();
            Assert.True(host.WaitForExit(15_000), "the host did not stop after stdin closed");
            Assert.Equal(0, host.ExitCode);
            Assert.Empty(ProcessTable.Find(p => p.CommandLine.Contains($"127.0.0.1:{port}")));
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("postgres")]
    [InlineData("redis", "--verbose")]
    public async Task Bad_arguments_print_usage_and_exit_2(params string[] arguments)
    {
        using var host = StartHost(arguments);
        host.StandardInput.Close();
        var error = await host.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, host.ExitCode);
        Assert.Contains("usage:", error);
    }

    private static Process StartHost(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Course.ServiceHost.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("COURSE_REDIS");   // we want the host to start its own server
        return Process.Start(start)!;
    }

    private static async Task<string> ReadLineMatchingAsync(Process process, Regex pattern, TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
        {
            if (pattern.IsMatch(line)) return line;
            seen.Add(line);
        }
        throw new InvalidOperationException($"the host ended without a matching line; it printed: {string.Join(" / ", seen)}; stderr: {await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"^Redis\s+(?<mode>\w+)\s+(\S+:(?<port>\d+))?")]
    private static partial Regex RedisLine();
}
