namespace Course.Simulation;

/// <summary>A run used up its virtual-time or event budget: nothing hangs, the run reports instead.</summary>
public sealed class SimulationBudgetExceededException(string message) : Exception(message);

/// <summary>A node's code threw while handling an input; says which node, when, and the seed to replay it.</summary>
public sealed class NodeFaultException(string message, Exception inner) : Exception(message, inner);
