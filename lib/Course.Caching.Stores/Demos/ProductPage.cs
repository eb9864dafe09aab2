using System.Diagnostics;
using Course.Caching.Stores.Strategies;

namespace Course.Caching.Stores.Demos;

/// <summary>
/// An e-commerce product page that needs <c>itemsPerPage</c> products (the product, its recommendations…), read one
/// after the other as a naïve page does. Rendered from the database directly, or through a cache strategy.
/// </summary>
public static class ProductPage
{
    public static string KeyOf(int product) => $"product:{product}";

    /// <summary>Puts <paramref name="products"/> products in the database (one transaction).</summary>
    public static Task SeedAsync(SqliteStore database, int products)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(products, 1);
        return database.PutManyAsync(Enumerable.Range(0, products)
            .Select(i => new KeyValuePair<string, string>(KeyOf(i), $"{{\"id\":{i},\"name\":\"Product {i}\",\"price\":{10 + i % 90}.99}}"))
            .ToArray());
    }

    /// <summary>
    /// Renders <paramref name="pages"/> pages; page p shows products p·items … p·items+items−1 modulo
    /// <paramref name="products"/>, so pages repeat once every product was shown (a warm cache). Returns ms per page.
    /// </summary>
    public static async Task<IReadOnlyList<double>> RenderAsync(Func<string, Task<string?>> read, int pages, int itemsPerPage, int products)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemsPerPage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(products, 1);
        var latencies = new List<double>(pages);
        for (var page = 0; page < pages; page++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < itemsPerPage; i++)
                if (await read(KeyOf((page * itemsPerPage + i) % products)).ConfigureAwait(false) is null)
                    throw new InvalidOperationException($"product {(page * itemsPerPage + i) % products} is missing: seed the database first");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    public static Task<IReadOnlyList<double>> RenderAsync(ICacheStrategy strategy, int pages, int itemsPerPage, int products) =>
        RenderAsync(key => strategy.ReadAsync(key), pages, itemsPerPage, products);

    public static Task<IReadOnlyList<double>> RenderAsync(SqliteStore database, int pages, int itemsPerPage, int products) =>
        RenderAsync(key => database.GetAsync(key), pages, itemsPerPage, products);
}
