using System.Text.RegularExpressions;
using Course.Microservices.Hosting;

namespace Course.Microservices.Catalog;

/// <summary>The Catalog's own data: products in its SQLite file, seeded with the course shop on first start.</summary>
public sealed partial class CatalogStore
{
    private readonly ServiceDatabase _db;

    public CatalogStore(string path)
    {
        _db = new ServiceDatabase(path, "CREATE TABLE IF NOT EXISTS products (sku TEXT PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL, stock INTEGER NOT NULL);");
        using var connection = _db.Open();
        foreach (var p in Seed)
            ServiceDatabase.Execute(connection, "INSERT OR IGNORE INTO products VALUES ($sku, $name, $price, $stock)",
                ("$sku", p.Sku), ("$name", p.Name), ("$price", p.Price), ("$stock", p.Stock));
    }

    /// <summary>The saga week's shop: books are plentiful, lamps are scarce.</summary>
    public static IReadOnlyList<Product> Seed { get; } =
    [
        new("book", "Designing Data-Intensive Applications", 4_500, 20),
        new("chair", "Reading chair", 12_000, 6),
        new("lamp", "Desk lamp", 3_000, 3),
    ];

    /// <summary>Lower-case letters, digits and '-', 1 to 32 characters.</summary>
    public static bool IsValidSku(string? sku) => sku is not null && SkuRule().IsMatch(sku);

    public Product? Find(string sku)
    {
        using var connection = _db.Open();
        using var reader = ServiceDatabase.Command(connection, null, "SELECT sku, name, price, stock FROM products WHERE sku = $sku", ("$sku", sku)).ExecuteReader();
        return reader.Read() ? new Product(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)) : null;
    }

    public IReadOnlyList<Product> All()
    {
        using var connection = _db.Open();
        using var reader = ServiceDatabase.Command(connection, null, "SELECT sku, name, price, stock FROM products ORDER BY sku").ExecuteReader();
        var products = new List<Product>();
        while (reader.Read()) products.Add(new Product(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
        return products;
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex SkuRule();
}
