namespace Course.Distributed.Transactions.Sagas;

public enum PaymentStatus
{
    None,
    /// <summary>The amount moved from the customer to the merchant.</summary>
    Charged,
    /// <summary>Refused (insufficient funds, unknown customer); nothing moved.</summary>
    Declined,
    /// <summary>Charged, then paid back by the compensation.</summary>
    Refunded,
    /// <summary>The refund arrived before any charge: a tombstone, so a late charge is refused.</summary>
    Voided,
}

public sealed record PaymentEntry(OrderId Order, PaymentStatus Status, string? Customer, long Amount, string? Reason);

/// <summary>
/// The payment service's database: customer balances, the merchant's balance, and one payment record per order.
/// A charge moves money from customer to merchant and a refund moves it back, so the total never changes. The
/// per-order record is the deduplication: a second charge for the same order is a repeat, never a second debit.
/// </summary>
public sealed class PaymentLedger
{
    private readonly SortedDictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly SortedDictionary<OrderId, PaymentEntry> _payments = [];

    public PaymentLedger(ShopConfiguration shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        foreach (var (customer, balance) in shop.Balances) _balances[customer] = balance;
        MerchantBalance = shop.MerchantBalance;
    }

    private PaymentLedger() { }

    public IReadOnlyDictionary<string, long> Balances => _balances;
    public long MerchantBalance { get; private set; }
    public long Total => _balances.Values.Sum() + MerchantBalance;
    public IReadOnlyCollection<PaymentEntry> Payments => _payments.Values;

    public PaymentStatus StatusOf(OrderId order) => _payments.TryGetValue(order, out var p) ? p.Status : PaymentStatus.None;

    public StepOutcome Charge(OrderId order, string customer, long amount)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "amount must be positive.");
        switch (StatusOf(order))
        {
            case PaymentStatus.Charged:
                return StepOutcome.AlreadyDone;
            case PaymentStatus.Declined:
                return StepOutcome.Refused(_payments[order].Reason!, changed: false);
            case PaymentStatus.Refunded or PaymentStatus.Voided:
                return StepOutcome.Refused($"the payment for {order} was already {StatusOf(order).ToString().ToLowerInvariant()}", changed: false);
        }
        var reason = !_balances.TryGetValue(customer, out var balance) ? $"unknown customer {customer}"
            : balance < amount ? $"insufficient funds: {customer} has {balance}, the order costs {amount}"
            : null;
        if (reason is not null)
        {
            _payments[order] = new PaymentEntry(order, PaymentStatus.Declined, customer, amount, reason);
            return StepOutcome.Refused(reason, changed: true);
        }
        _balances[customer] = balance - amount;
        MerchantBalance += amount;
        _payments[order] = new PaymentEntry(order, PaymentStatus.Charged, customer, amount, null);
        return StepOutcome.Done;
    }

    /// <summary>The compensation of <see cref="Charge"/>. Always succeeds: refunding what was never charged is a no-op that is remembered.</summary>
    public StepOutcome Refund(OrderId order, string reason)
    {
        switch (StatusOf(order))
        {
            case PaymentStatus.None:
                _payments[order] = new PaymentEntry(order, PaymentStatus.Voided, null, 0, reason);
                return StepOutcome.Done;
            case PaymentStatus.Charged:
                var p = _payments[order];
                _balances[p.Customer!] += p.Amount;
                MerchantBalance -= p.Amount;
                _payments[order] = p with { Status = PaymentStatus.Refunded, Reason = reason };
                return StepOutcome.Done;
            default:
                return StepOutcome.AlreadyDone;
        }
    }

    public byte[] Save() => SagaJson.Serialize(new State(new Dictionary<string, long>(_balances), MerchantBalance, [.. _payments.Values]));

    public static PaymentLedger Restore(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = SagaJson.Deserialize<State>(state);
        var ledger = new PaymentLedger { MerchantBalance = s.Merchant };
        foreach (var (customer, balance) in s.Balances) ledger._balances[customer] = balance;
        foreach (var p in s.Payments) ledger._payments[p.Order] = p;
        return ledger;
    }

    private sealed record State(Dictionary<string, long> Balances, long Merchant, PaymentEntry[] Payments);
}
