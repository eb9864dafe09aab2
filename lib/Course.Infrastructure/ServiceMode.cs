namespace Course.Infrastructure;

/// <summary>How a service endpoint was obtained, in the order they are tried.</summary>
public enum ServiceMode
{
    /// <summary>An explicit endpoint from an environment variable (e.g. COURSE_REDIS=127.0.0.1:6379).</summary>
    EnvironmentVariable,
    /// <summary>A throwaway container started with Testcontainers (a Docker engine answered).</summary>
    Testcontainers,
    /// <summary>A server from the OS packages, started as a child process on 127.0.0.1.</summary>
    LocalProcess,
    /// <summary>An in-process stand-in (librdkafka's mock cluster): not the real server.</summary>
    Mock,
    /// <summary>Nothing could be started; <see cref="ServiceEndpoint.Description"/> says what to install.</summary>
    Unavailable,
}
