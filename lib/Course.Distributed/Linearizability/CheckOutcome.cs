namespace Course.Distributed.Linearizability;

/// <summary>The verdict of a linearizability check.</summary>
public enum CheckOutcome
{
    /// <summary>Linearizable: some sequential order of the operations respects real time and the model.</summary>
    Ok,

    /// <summary>Not linearizable: no such order exists; the result carries a counterexample.</summary>
    Illegal,

    /// <summary>The time budget ran out before the search finished: nothing is claimed either way.</summary>
    Unknown,
}
