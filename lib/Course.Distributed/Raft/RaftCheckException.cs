namespace Course.Distributed.Raft;

/// <summary>A Raft correctness check failed; the message carries the seed and the trace tail to replay it.</summary>
public sealed class RaftCheckException(string message) : Exception(message);
