namespace Course.Notebooks.Tests.Runner;

/// <summary>Tests that start real dotnet-repl kernels run one at a time and alone: the machine has two
/// cores, and a kernel starved by a parallel one would make the timeout test meaningless.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    public const string Name = "Real dotnet-repl kernels";
}
