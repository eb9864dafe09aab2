namespace Course.Microservices.Catalog;

/// <summary>An item the shop sells; price in cents.</summary>
public sealed record Product(string Sku, string Name, long Price, int Stock);
