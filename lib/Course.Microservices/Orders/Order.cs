namespace Course.Microservices.Orders;

/// <summary>What a client posts to <c>POST /api/orders</c>.</summary>
public sealed record PlaceOrderRequest(string? Customer, string? Sku, int Quantity);

/// <summary>An order as Orders stores it: Confirmed when paid, Declined when the payment was refused.</summary>
public sealed record Order(string Id, string Customer, string Sku, int Quantity, long Amount, string Status, string? PaymentId, string? Reason);
