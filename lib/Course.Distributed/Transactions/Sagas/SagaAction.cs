namespace Course.Distributed.Transactions.Sagas;

/// <summary>The local transactions of the order saga: four steps forward, the approval, and three compensations.</summary>
public enum SagaAction
{
    CreateOrder,
    ReservePayment,
    ReserveStock,
    ScheduleShipment,
    ApproveOrder,
    CancelOrder,
    RefundPayment,
    ReleaseStock,
}
