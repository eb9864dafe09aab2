namespace Course.Infrastructure.Tests.Support;

/// <summary>Asserts that a disposed local-process endpoint left no process and no directory behind.</summary>
internal static class Leaks
{
    /// <summary>Call before disposing: remembers what to look for.</summary>
    public static Func<Task> ExpectNoneAfterDispose(ServiceEndpoint endpoint)
    {
        if (endpoint.Mode != ServiceMode.LocalProcess) return () => Task.CompletedTask;
        var directory = endpoint.DataDirectory ?? throw new InvalidOperationException("a local endpoint has a data directory");
        var port = endpoint.Port;
        Assert.NotEmpty(ProcessTable.Find(ProcessTable.StartedFor(directory, port)));   // the check can see them while running
        return async () =>
        {
            var left = await ProcessTable.WaitUntilNoneAsync(ProcessTable.StartedFor(directory, port), TimeSpan.FromSeconds(10));
            Assert.True(left.Count == 0, $"left running after dispose: {string.Join("; ", left)}");
            Assert.False(Directory.Exists(directory), $"data directory {directory} was not deleted");
        };
    }
}
