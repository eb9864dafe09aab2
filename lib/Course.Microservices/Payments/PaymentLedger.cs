using Course.Microservices.Hosting;

namespace Course.Microservices.Payments;

/// <summary>
/// The Payments service's own data: balances and one row per charged order. A charge is one SQLite transaction
/// (check the balance, debit, record), and the order id is the primary key of the record, so a retried charge
/// returns the first answer instead of debiting twice — the idempotency a caller's retries rely on.
/// </summary>
public sealed class PaymentLedger
{
    private readonly ServiceDatabase _db;
    private readonly Lock _writer = new();

    public PaymentLedger(string path, IReadOnlyDictionary<string, long>? balances = null)
    {
        _db = new ServiceDatabase(path,
            "CREATE TABLE IF NOT EXISTS balances (customer TEXT PRIMARY KEY, balance INTEGER NOT NULL);" +
            "CREATE TABLE IF NOT EXISTS charges (order_id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, customer TEXT NOT NULL, amount INTEGER NOT NULL, approved INTEGER NOT NULL, reason TEXT NOT NULL);");
        using var connection = _db.Open();
        foreach (var (customer, balance) in balances ?? DefaultBalances)
            ServiceDatabase.Execute(connection, "INSERT OR IGNORE INTO balances VALUES ($c, $b)", ("$c", customer), ("$b", balance));
    }

    /// <summary>Alice is rich, bob has a little, carol is nearly broke (in cents).</summary>
    public static IReadOnlyDictionary<string, long> DefaultBalances { get; } = new Dictionary<string, long>
    {
        ["alice"] = 1_000_000, ["bob"] = 20_000, ["carol"] = 3_000,
    };

    public sealed record Charge(string PaymentId, bool Approved, string Reason, long Balance, bool Repeated);

    public Charge ChargeOnce(string orderId, string customer, long amount)
    {
        lock (_writer)
        {
            using var connection = _db.Open();
            using var transaction = connection.BeginTransaction();
            using (var seen = ServiceDatabase.Command(connection, transaction, "SELECT payment_id, approved, reason FROM charges WHERE order_id = $o", ("$o", orderId)).ExecuteReader())
                if (seen.Read())
                    return new Charge(seen.GetString(0), seen.GetInt64(1) == 1, seen.GetString(2), BalanceOf(connection, transaction, customer) ?? 0, Repeated: true);
            var balance = BalanceOf(connection, transaction, customer);
            var (approved, reason) = balance switch
            {
                null => (false, $"unknown customer '{customer}'"),
                var b when b < amount => (false, "insufficient funds"),
                _ => (true, ""),
            };
            if (approved)
                ServiceDatabase.Command(connection, transaction, "UPDATE balances SET balance = balance - $a WHERE customer = $c", ("$a", amount), ("$c", customer)).ExecuteNonQuery();
            var paymentId = $"pay-{orderId}";
            ServiceDatabase.Command(connection, transaction, "INSERT INTO charges VALUES ($o, $p, $c, $a, $ok, $r)",
                ("$o", orderId), ("$p", paymentId), ("$c", customer), ("$a", amount), ("$ok", approved ? 1 : 0), ("$r", reason)).ExecuteNonQuery();
            var after = BalanceOf(connection, transaction, customer) ?? 0;
            transaction.Commit();
            return new Charge(paymentId, approved, reason, after, Repeated: false);
        }
    }

    public long? Balance(string customer)
    {
        using var connection = _db.Open();
        return BalanceOf(connection, null, customer);
    }

    private static long? BalanceOf(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string customer) =>
        ServiceDatabase.Command(connection, transaction, "SELECT balance FROM balances WHERE customer = $c", ("$c", customer)).ExecuteScalar() is long b ? b : null;
}
