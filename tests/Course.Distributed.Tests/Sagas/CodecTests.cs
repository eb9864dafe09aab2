using System.Text;
using Course.Distributed.Transactions.Sagas;

namespace Course.Distributed.Tests.Sagas;

public class CodecTests
{
    private static readonly OrderId Order = new(9);
    private static readonly OrderDetails Details = SagaScenarios.OrderThat(SagaFailure.None);

    private static readonly SagaMessage[] Samples =
    [
        new PlaceOrder(Order, Details), new OrderApproved(Order), new OrderCancelled(Order, "why"),
        new CreateOrder(Order, Details), new ReservePayment(Order, "alice", 5), new ReserveStock(Order, "book", 2),
        new ScheduleShipment(Order, "Oslo"), new ApproveOrder(Order), new CancelOrder(Order, "r"), new RefundPayment(Order, "r"),
        new ReleaseStock(Order, "r"), new SagaReply(Order, SagaAction.ReserveStock, false, "out of stock"), new SagaReply(Order, SagaAction.CreateOrder, true),
        new OrderCreated(Order, Details), new PaymentReserved(Order, Details), new PaymentDeclined(Order, "r"), new StockReserved(Order, Details),
        new StockUnavailable(Order, "r"), new ShipmentScheduled(Order), new ShipmentRefused(Order, "r"), new StockReleased(Order, "r"),
        new PaymentRefunded(Order, "r"),
    ];

    public static TheoryData<SagaMessage> EveryKind() => new(Samples);

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EveryMessageKindRoundTrips(SagaMessage message)
    {
        var stamped = message with { Id = "payments-42" };
        var json = SagaJson.Encode(stamped);
        Assert.Equal(stamped, SagaJson.Decode(json));
        Assert.StartsWith($"{{\"$kind\":\"{message.Kind}\"", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void EveryKindIsCovered() =>
        Assert.Equal(SagaJson.Kinds.Select(k => k.Name).Order(), Samples.Select(m => m.Kind).Distinct().Order());

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("{\"$kind\":\"Nonsense\",\"Order\":{\"Value\":1}}")]
    [InlineData("{\"$kind\":\"OrderCancelled\",\"Order\":{\"Value\":1}}")]
    [InlineData("{\"$kind\":\"PlaceOrder\",\"Order\":{\"Value\":1},\"Details\":{\"Customer\":\"a\",\"Amount\":-5,\"Sku\":\"b\",\"Quantity\":1,\"Destination\":\"c\"}}")]
    [InlineData("null")]
    public void AnythingElseIsInvalidData(string text) =>
        Assert.Throws<InvalidDataException>(() => SagaJson.Decode(Encoding.UTF8.GetBytes(text)));
}
