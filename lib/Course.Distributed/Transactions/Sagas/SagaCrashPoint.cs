namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// "Crash <see cref="Endpoint"/> at <see cref="Stage"/> of handling the first message labelled
/// <see cref="Message"/>" — e.g. the orchestrator right after committing its reaction to the payment's reply
/// (<c>SagaReply.ReservePayment</c>), before the next command leaves.
/// </summary>
public sealed record SagaCrashPoint(string Endpoint, string Message, DeliveryStage Stage)
{
    public bool Matches(string endpoint, SagaMessage message, DeliveryStage stage) =>
        stage == Stage && endpoint == Endpoint && message.Label == Message;

    /// <summary>
    /// Every crash point of a style: each service (not the customer) × each message it consumes (each step's
    /// reply, for the orchestrator) × each stage.
    /// </summary>
    public static IReadOnlyList<SagaCrashPoint> All(SagaStyle style)
    {
        var points = new List<SagaCrashPoint>();
        foreach (var service in SagaServices.For(style, ShopConfiguration.Default))
        {
            if (service.Endpoint == SagaEndpoints.Client) continue;
            foreach (var type in service.Create().Consumes)
            {
                IEnumerable<string> labels = type == typeof(SagaReply)
                    ? Enum.GetValues<SagaAction>().Select(a => new SagaReply(default, a, true).Label)
                    : [type.Name];
                foreach (var label in labels)
                    foreach (var stage in Enum.GetValues<DeliveryStage>())
                        points.Add(new SagaCrashPoint(service.Endpoint, label, stage));
            }
        }
        return points;
    }

    public override string ToString() => $"{Endpoint} at {Stage} {Message}";
}
