using Course.Simulation;

namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// The saga runs the notebook and the tests share: one order meeting a chosen failure, optionally with a crash
/// at a chosen point; a service down longer than the orchestrator's patience; and seeded chaos (SagaScenarios.Chaos.cs).
/// </summary>
public static partial class SagaScenarios
{
    /// <summary>How long recovery may take once the faults stop (virtual time).</summary>
    public static readonly TimeSpan SettleBudget = TimeSpan.FromSeconds(30);

    /// <summary>After settling, the run goes on this long: late duplicates and resends must change nothing.</summary>
    public static readonly TimeSpan Stragglers = TimeSpan.FromMilliseconds(500);

    /// <summary>An order of the default shop that meets <paramref name="failure"/>.</summary>
    public static OrderDetails OrderThat(SagaFailure failure) => failure switch
    {
        SagaFailure.None => new OrderDetails("alice", 120, "book", 2, "Lisbon"),
        SagaFailure.InsufficientFunds => new OrderDetails("carol", 90, "book", 1, "Lisbon"),
        SagaFailure.OutOfStock => new OrderDetails("bob", 80, "lamp", 5, "Oslo"),
        SagaFailure.ShippingRefused => new OrderDetails("alice", 60, "chair", 1, "Atlantis"),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a saga failure."),
    };

    /// <summary>What the saga of an order meeting <paramref name="failure"/> must end as.</summary>
    public static OrderOutcome Expected(SagaFailure failure) => failure == SagaFailure.None ? OrderOutcome.Completed : OrderOutcome.Compensated;

    /// <summary>
    /// One order that meets <paramref name="failure"/>, on <paramref name="network"/> (reliable if null), with an
    /// optional crash at <paramref name="crash"/> followed by a restart <paramref name="restartAfter"/> later (200 ms if null).
    /// </summary>
    public static SagaRun Single(SagaStyle style, SagaFailure failure, int seed = 1, SagaCrashPoint? crash = null,
        TimeSpan? restartAfter = null, NetworkConditions? network = null, SagaOptions? options = null)
    {
        var details = OrderThat(failure);
        var cluster = new SagaCluster(style, seed, options: options,
            simulationOptions: new SimulationOptions { Network = network ?? NetworkConditions.Reliable });
        if (crash is not null) cluster.CrashAt(crash, restartAfter ?? TimeSpan.FromMilliseconds(200));
        cluster.PlaceOrder(details);
        return Finish(cluster, crash);
    }

    /// <summary>
    /// Orchestrated: the payment service crashes as the charge arrives and stays down longer than
    /// <see cref="SagaOptions.StepTimeout"/>. The orchestrator gives up and compensates — the unanswered charge
    /// included, since it may have happened — and the late charge, when the service is back, must not take money.
    /// </summary>
    public static SagaRun PaymentsDownPastTheStepTimeout(int seed = 1, NetworkConditions? network = null)
    {
        var options = new SagaOptions { StepTimeout = TimeSpan.FromSeconds(1) };
        var crash = new SagaCrashPoint(SagaEndpoints.Payments, nameof(ReservePayment), DeliveryStage.Received);
        return Single(SagaStyle.Orchestrated, SagaFailure.None, seed, crash, TimeSpan.FromSeconds(3), network, options);
    }

    internal static SagaRun Finish(SagaCluster cluster, SagaCrashPoint? point)
    {
        var from = cluster.Now;
        var settled = cluster.RunUntilSettled(SettleBudget);
        var settledAfter = cluster.Now - from;
        cluster.RunFor(Stragglers);
        return new SagaRun(cluster.Seed, cluster, settled, settledAfter, !settled || cluster.IsSettled, cluster.Audit(requireComplete: settled), point);
    }
}
