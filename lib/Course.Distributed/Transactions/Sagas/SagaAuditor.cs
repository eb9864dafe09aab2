using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Checks a saga deployment's end state from the services' durable state — the same check for the simulator
/// and for RabbitMQ. It reads the databases, not the messages: whatever was sent, this is what happened.
/// </summary>
public static class SagaAuditor
{
    /// <param name="orders">Every order the customer placed.</param>
    /// <param name="storageOf">Each endpoint's durable storage (its database).</param>
    /// <param name="requireComplete">True once the run has settled: an order still in progress is then a violation.</param>
    public static SagaAudit Audit(SagaStyle style, ShopConfiguration shop, IReadOnlyDictionary<OrderId, OrderDetails> orders,
        Func<string, IDurableStorage> storageOf, bool requireComplete = true)
    {
        ArgumentNullException.ThrowIfNull(shop);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(storageOf);
        var state = new Dictionary<string, EndpointRecord?>(StringComparer.Ordinal);
        foreach (var service in SagaServices.For(style, shop)) state[service.Endpoint] = EndpointRecord.Read(storageOf(service.Endpoint));

        var book = state[SagaEndpoints.Orders] is { } o ? OrderBook.Restore(o.HandlerState) : new OrderBook();
        var ledger = state[SagaEndpoints.Payments] is { } p ? PaymentLedger.Restore(p.HandlerState) : new PaymentLedger(shop);
        var stock = state[SagaEndpoints.Inventory] is { } i ? StockRoom.Restore(i.HandlerState) : new StockRoom(shop);
        var desk = state[SagaEndpoints.Shipping] is { } s ? ShippingDesk.Restore(s.HandlerState, shop) : new ShippingDesk(shop);
        var client = new ClientHandler();
        if (state[SagaEndpoints.Client] is { } c) client.RestoreState(c.HandlerState);
        SagaOrchestrator? orchestrator = null;
        if (style == SagaStyle.Orchestrated)
        {
            orchestrator = new SagaOrchestrator();
            if (state[SagaEndpoints.Orchestrator] is { } r) orchestrator.RestoreState(r.HandlerState);
        }

        var violations = new List<string>();
        var reports = orders.OrderBy(kv => kv.Key).Select(kv => Report(kv.Key, kv.Value)).ToList();
        foreach (var report in reports) CheckOrder(report, requireComplete, violations);
        CheckMoney(shop, orders, ledger, violations);
        CheckStock(shop, stock, violations);
        foreach (var phantom in ledger.Payments.Select(x => x.Order).Concat(stock.Reservations.Select(x => x.Order))
                     .Concat(desk.Shipments.Select(x => x.Order)).Where(id => !orders.ContainsKey(id)).Distinct())
            violations.Add($"{phantom} has effects but was never placed");
        var deadLetters = state.Values.Where(r => r is not null).SelectMany(r => r!.DeadLetters).ToList();
        violations.AddRange(deadLetters.Select(d => $"dead letter: {d.Message}: {d.Reason}"));
        return new SagaAudit(reports, violations, ledger, stock, deadLetters);

        OrderReport Report(OrderId id, OrderDetails details)
        {
            var (order, payment, reservation, shipment) = (book.StatusOf(id), ledger.StatusOf(id), stock.StatusOf(id), desk.StatusOf(id));
            var outcome =
                order == OrderStatus.Approved && payment == PaymentStatus.Charged && reservation == ReservationStatus.Reserved && shipment == ShipmentStatus.Scheduled
                    ? OrderOutcome.Completed
                : order == OrderStatus.Cancelled && payment != PaymentStatus.Charged && reservation != ReservationStatus.Reserved && shipment != ShipmentStatus.Scheduled
                    ? OrderOutcome.Compensated
                : OrderOutcome.Incomplete;
            return new OrderReport(id, details, outcome, order, payment, reservation, shipment,
                orchestrator?.Find(id)?.Status, client.Outcomes.GetValueOrDefault(id));
        }
    }

    private static void CheckOrder(OrderReport r, bool requireComplete, List<string> violations)
    {
        if (r.Outcome == OrderOutcome.Incomplete)
        {
            // Approval and cancellation are the last local transactions of either saga: after them, nothing may remain half-done.
            if (r.OrderStatus == OrderStatus.Approved) violations.Add($"{r.Order} is approved but not fully done: {r}");
            else if (r.OrderStatus == OrderStatus.Cancelled) violations.Add($"{r.Order} is cancelled but not fully undone: {r}");
            else if (requireComplete) violations.Add($"{r.Order} is half-done after the run settled: {r}");
        }
        if (r.Shipment == ShipmentStatus.Scheduled && r.Payment != PaymentStatus.Charged)
            violations.Add($"{r.Order} was shipped without payment (payment {r.Payment})");
        if (r.Shipment == ShipmentStatus.Scheduled && r.Stock != ReservationStatus.Reserved)
            violations.Add($"{r.Order} was shipped without stock (stock {r.Stock})");
        if (r.Client is { } told && told.Approved != (r.Outcome == OrderOutcome.Completed) && (told.Approved || r.Outcome == OrderOutcome.Completed || requireComplete))
            violations.Add($"{r.Order}: the customer was told {(told.Approved ? "approved" : "cancelled")} but the order is {r.Outcome}");
        if (requireComplete && r.Client is null) violations.Add($"{r.Order}: the customer was never told the outcome");
        if (r.Saga is { } saga && (saga == SagaStatus.Completed) != (r.Outcome == OrderOutcome.Completed) && (saga == SagaStatus.Completed || saga == SagaStatus.Compensated))
            violations.Add($"{r.Order}: the saga log says {saga} but the services say {r.Outcome}");
        if (requireComplete && r.Saga is SagaStatus.Running or SagaStatus.Compensating)
            violations.Add($"{r.Order}: the saga is still {r.Saga} after the run settled");
    }

    private static void CheckMoney(ShopConfiguration shop, IReadOnlyDictionary<OrderId, OrderDetails> orders, PaymentLedger ledger, List<string> violations)
    {
        if (ledger.Total != shop.TotalMoney) violations.Add($"money is not conserved: {ledger.Total} in the system, {shop.TotalMoney} at the start");
        var charged = ledger.Payments.Where(p => p.Status == PaymentStatus.Charged).ToList();
        foreach (var (customer, initial) in shop.Balances)
        {
            var expected = initial - charged.Where(p => p.Customer == customer).Sum(p => p.Amount);
            if (ledger.Balances[customer] != expected) violations.Add($"{customer} has {ledger.Balances[customer]}, the charges say {expected}");
            if (ledger.Balances[customer] < 0) violations.Add($"{customer} is overdrawn: {ledger.Balances[customer]}");
        }
        var merchant = shop.MerchantBalance + charged.Sum(p => p.Amount);
        if (ledger.MerchantBalance != merchant) violations.Add($"the merchant has {ledger.MerchantBalance}, the charges say {merchant}");
        foreach (var p in charged)
            if (orders.TryGetValue(p.Order, out var d) && (d.Amount != p.Amount || d.Customer != p.Customer))
                violations.Add($"{p.Order} charged {p.Customer} {p.Amount}, the order says {d.Customer} {d.Amount}");
    }

    private static void CheckStock(ShopConfiguration shop, StockRoom stock, List<string> violations)
    {
        var held = stock.Reservations.Where(r => r.Status == ReservationStatus.Reserved).ToList();
        foreach (var (sku, initial) in shop.Stock)
        {
            var (available, reserved) = (stock.Available[sku], stock.Reserved[sku]);
            if (available + reserved != initial) violations.Add($"stock of {sku} is not conserved: {available} available + {reserved} reserved ≠ {initial}");
            if (available < 0) violations.Add($"stock of {sku} is negative: {available}");
            var expected = held.Where(r => r.Sku == sku).Sum(r => r.Quantity);
            if (reserved != expected) violations.Add($"{reserved} {sku} reserved, the reservations say {expected}");
        }
    }
}
