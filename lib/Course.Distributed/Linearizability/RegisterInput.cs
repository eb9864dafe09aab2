namespace Course.Distributed.Linearizability;

public enum RegisterOperation
{
    Read,
    Write,
}

/// <summary>A read, or a write of <see cref="Value"/>, on a single register.</summary>
public sealed record RegisterInput(RegisterOperation Operation, int Value)
{
    public static RegisterInput Read { get; } = new(RegisterOperation.Read, 0);

    public static RegisterInput Write(int value) => new(RegisterOperation.Write, value);

    public override string ToString() => Operation == RegisterOperation.Read ? "read()" : $"write({Value})";
}
