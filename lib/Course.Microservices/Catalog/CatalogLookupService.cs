using Course.Microservices.Catalog.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Course.Microservices.Catalog;

/// <summary>The Catalog's lookup over gRPC: the same store and the same rules as GET /api/products/{sku}.</summary>
[Authorize(Policy = Security.Scopes.CatalogRead)]
public sealed class CatalogLookupService(CatalogStore store) : CatalogLookup.CatalogLookupBase
{
    public override Task<ProductReply> GetProduct(ProductRequest request, ServerCallContext context)
    {
        if (!CatalogStore.IsValidSku(request.Sku))
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{request.Sku}' is not a SKU (1-32 of a-z, 0-9, '-')."));
        var product = store.Find(request.Sku) ?? throw new RpcException(new Status(StatusCode.NotFound, $"No product '{request.Sku}'."));
        return Task.FromResult(new ProductReply { Sku = product.Sku, Name = product.Name, Price = product.Price, Stock = product.Stock });
    }
}
