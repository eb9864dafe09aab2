namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// A technical failure that may go away by itself (a database timeout, a gateway restart): the message is not
/// consumed, the state is rolled back, and the host redelivers it after an exponential backoff with jitter.
/// </summary>
public sealed class TransientFailureException(string message) : Exception(message);
