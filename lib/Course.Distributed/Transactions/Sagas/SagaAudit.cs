namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The end state of a run, and what is wrong with it. <see cref="Violations"/> is empty when every order is
/// fully completed or fully compensated (or, before the run has settled, on its way), money and stock are
/// conserved, nothing shipped unpaid, every saga log agrees with the services, and no message was dead-lettered.
/// </summary>
public sealed record SagaAudit(
    IReadOnlyList<OrderReport> Orders,
    IReadOnlyList<string> Violations,
    PaymentLedger Ledger,
    StockRoom Stock,
    IReadOnlyList<DeadLetter> DeadLetters)
{
    public bool Ok => Violations.Count == 0;
    public int Completed => Orders.Count(o => o.Outcome == OrderOutcome.Completed);
    public int Compensated => Orders.Count(o => o.Outcome == OrderOutcome.Compensated);

    public OrderReport this[OrderId order] =>
        Orders.FirstOrDefault(o => o.Order == order) ?? throw new ArgumentException($"{order} was not placed.", nameof(order));

    public string Describe() =>
        $"{Orders.Count} orders: {Completed} completed, {Compensated} compensated, {Orders.Count - Completed - Compensated} incomplete\n" +
        string.Join("\n", Orders) +
        (Violations.Count == 0 ? "" : "\nVIOLATIONS:\n  " + string.Join("\n  ", Violations));
}
