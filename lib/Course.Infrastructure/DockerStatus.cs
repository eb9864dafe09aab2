namespace Course.Infrastructure;

/// <summary>The answer of <see cref="DockerProbe"/>: whether a Docker engine answered, where, and what happened.</summary>
public sealed record DockerStatus(bool IsAvailable, string Endpoint, string Detail)
{
    public override string ToString() => IsAvailable ? $"Docker answered at {Endpoint}" : $"no Docker at {Endpoint}: {Detail}";
}
