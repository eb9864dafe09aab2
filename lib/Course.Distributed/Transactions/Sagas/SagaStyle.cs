namespace Course.Distributed.Transactions.Sagas;

/// <summary>The two ways to coordinate a saga (Richardson, Microservices Patterns §4.2).</summary>
public enum SagaStyle
{
    /// <summary>A coordinator with a persisted state machine sends commands and awaits replies.</summary>
    Orchestrated,
    /// <summary>No coordinator: each service reacts to the others' events.</summary>
    Choreographed,
}
