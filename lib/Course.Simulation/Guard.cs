namespace Course.Simulation;

/// <summary>Argument checks with messages that name the parameter (bad input never becomes a silent wrong run).</summary>
internal static class Guard
{
    public static double Probability(double value, string name) =>
        value is >= 0 and <= 1 && !double.IsNaN(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is a probability and must be in [0, 1].");

    public static TimeSpan NonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");

    public static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
