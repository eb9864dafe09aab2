namespace Course.Infrastructure.ZooKeeper;

/// <summary>
/// A request failed: the server answered with an error code (NoNode, NodeExists, BadVersion, NotEmpty, …),
/// or the client gave up (ConnectionLoss, RequestTimeout, SessionExpired). Catch it and switch on <see cref="Code"/>.
/// </summary>
public sealed class ZooKeeperException : Exception
{
    public ZooKeeperException(ZooKeeperErrorCode code, string? path, string? detail = null, Exception? innerException = null)
        : base(Describe(code, path, detail), innerException)
    {
        Code = code;
        Path = path;
        Detail = detail;
    }

    public ZooKeeperErrorCode Code { get; }

    /// <summary>The node the request was about, when there was one.</summary>
    public string? Path { get; }

    /// <summary>Extra explanation given by the client (e.g. which address could not be reached).</summary>
    public string? Detail { get; }

    private static string Describe(ZooKeeperErrorCode code, string? path, string? detail)
    {
        var text = $"{code}{(path is null ? "" : $" for {path}")}";
        var why = detail ?? code switch
        {
            ZooKeeperErrorCode.NoNode => "the node does not exist",
            ZooKeeperErrorCode.NodeExists => "a node already exists at this path",
            ZooKeeperErrorCode.BadVersion => "the node's version is not the expected one (someone changed it first)",
            ZooKeeperErrorCode.NotEmpty => "the node has children; delete them first",
            ZooKeeperErrorCode.NoChildrenForEphemerals => "ephemeral nodes cannot have children",
            ZooKeeperErrorCode.SessionExpired => "the session has expired; its ephemeral nodes and watches are gone",
            ZooKeeperErrorCode.ConnectionLoss => "the connection to the server was lost",
            ZooKeeperErrorCode.NoAuth => "the node's ACL does not allow this",
            ZooKeeperErrorCode.BadArguments => "the server rejected the arguments (invalid path?)",
            _ => null,
        };
        return why is null ? text : $"{text}: {why}";
    }
}
