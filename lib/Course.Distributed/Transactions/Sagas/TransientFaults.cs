namespace Course.Distributed.Transactions.Sagas;

/// <summary>
/// Injected technical failures: before a service touches its database, it fails with the configured
/// probability, drawn from the context's (seeded) randomness so a failing run replays.
/// </summary>
internal static class TransientFaults
{
    public static void Strike(ISagaContext context, SagaOptions options, string what)
    {
        if (options.TransientFailureProbability > 0 && context.Random.NextDouble() < options.TransientFailureProbability)
            throw new TransientFailureException($"{what} timed out (injected)");
    }
}
