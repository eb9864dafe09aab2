using Course.Microservices.Hosting;

namespace Course.Microservices.Orders;

/// <summary>The Orders service's own data: one row per order.</summary>
public sealed class OrderStore(string path)
{
    private readonly ServiceDatabase _db = new(path,
        "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, customer TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL, " +
        "amount INTEGER NOT NULL, status TEXT NOT NULL, payment_id TEXT, reason TEXT);");

    public void Save(Order order)
    {
        using var connection = _db.Open();
        ServiceDatabase.Execute(connection, "INSERT OR REPLACE INTO orders VALUES ($id, $c, $s, $q, $a, $st, $p, $r)",
            ("$id", order.Id), ("$c", order.Customer), ("$s", order.Sku), ("$q", order.Quantity), ("$a", order.Amount),
            ("$st", order.Status), ("$p", order.PaymentId), ("$r", order.Reason));
    }

    public Order? Find(string id)
    {
        using var connection = _db.Open();
        using var r = ServiceDatabase.Command(connection, null, "SELECT id, customer, sku, quantity, amount, status, payment_id, reason FROM orders WHERE id = $id", ("$id", id)).ExecuteReader();
        return r.Read()
            ? new Order(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7))
            : null;
    }

    public int Count()
    {
        using var connection = _db.Open();
        return Convert.ToInt32(ServiceDatabase.Command(connection, null, "SELECT COUNT(*) FROM orders").ExecuteScalar());
    }
}
