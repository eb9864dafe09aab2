namespace Course.Distributed.Raft;

/// <summary>§5.1: at any time a server is a follower, a candidate or the leader. PreCandidate: thesis §9.6.</summary>
public enum RaftRole { Follower, PreCandidate, Candidate, Leader }
