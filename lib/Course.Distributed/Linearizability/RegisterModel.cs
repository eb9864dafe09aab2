namespace Course.Distributed.Linearizability;

/// <summary>
/// A single read/write register holding an int, initially <see cref="Initial"/> (0 by default): the object of
/// Herlihy &amp; Wing's and Wing &amp; Gong's examples. The output of a read is the value read; of a write, ignored.
/// </summary>
public sealed class RegisterModel(int initial = 0) : Model<int, RegisterInput, int>
{
    public int Initial { get; } = initial;

    public override int Init() => Initial;

    public override (bool Ok, int State) Step(int state, RegisterInput input, int output) =>
        input.Operation == RegisterOperation.Read ? (output == state, state) : (true, input.Value);

    // A read that never returned changes nothing; a write that never returned may still have written.
    public override (bool Ok, int State) StepPending(int state, RegisterInput input) =>
        input.Operation == RegisterOperation.Read ? (true, state) : (true, input.Value);

    public override string DescribeOperation(RegisterInput input, int output) =>
        input.Operation == RegisterOperation.Read ? $"read() → {output}" : $"write({input.Value})";

    public override string DescribeCall(RegisterInput input) => input.ToString();
}
