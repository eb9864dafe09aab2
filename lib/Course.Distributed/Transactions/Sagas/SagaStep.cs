namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Richardson's three kinds of saga transaction (Microservices Patterns §4.3.1). Compensatable steps come
/// first and can be undone; the pivot is the go/no-go point; retriable steps after it always succeed eventually.
/// </summary>
public enum SagaStepKind { Compensatable, Pivot, Retriable }

/// <summary>One step of a saga definition: its local transaction, where it runs, and how to undo it.</summary>
public sealed record SagaStep(SagaAction Action, string Participant, SagaStepKind Kind, SagaAction? Compensation)
{
    public override string ToString() =>
        $"{Action} at {Participant} ({Kind}{(Compensation is { } c ? $", undone by {c}" : "")})";
}
