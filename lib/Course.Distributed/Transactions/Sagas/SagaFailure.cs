namespace Course.Distributed.Transactions.Sagas;

/// <summary>The business failure an order is built to meet (in <see cref="ShopConfiguration.Default"/>).</summary>
public enum SagaFailure
{
    /// <summary>Nothing fails: the saga completes.</summary>
    None,
    /// <summary>The payment is declined: only the order is undone.</summary>
    InsufficientFunds,
    /// <summary>The stock cannot be reserved: the payment is refunded and the order cancelled.</summary>
    OutOfStock,
    /// <summary>The carrier refuses at the pivot: stock released, payment refunded, order cancelled.</summary>
    ShippingRefused,
}
