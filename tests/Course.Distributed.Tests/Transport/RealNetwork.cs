namespace Course.Distributed.Tests.Transport;

/// <summary>Tests that run real sockets and clocks share one collection, so they do not compete for the 2 cores.</summary>
[CollectionDefinition(Collection)]
public sealed class RealNetwork
{
    public const string Collection = "Real network";
}
