using System.Net;
using System.Net.Http.Json;
using Course.Microservices.Catalog;

namespace Course.Microservices.Orders;

/// <summary>
/// The typed HttpClient through which Orders asks Catalog (REST + JSON). Its handler chain, set up in
/// <see cref="OrdersService"/>, adds the bearer token and trusts only the course CA.
/// </summary>
public sealed class CatalogClient(HttpClient http)
{
    /// <summary>The product, or null when the Catalog says 404. Other failures throw.</summary>
    public async Task<Product?> FindAsync(string sku, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/products/{Uri.EscapeDataString(sku)}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Product>(cancellationToken).ConfigureAwait(false);
    }
}
