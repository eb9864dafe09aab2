namespace Course.Distributed.Transactions.Sagas;

public enum SagaStatus
{
    /// <summary>Going forward through the steps.</summary>
    Running,
    /// <summary>A step failed: running the compensations backwards.</summary>
    Compensating,
    /// <summary>Every step done: the order is approved.</summary>
    Completed,
    /// <summary>Every step that may have run is undone: the order is cancelled.</summary>
    Compensated,
}
