namespace Course.Simulation;

/// <summary>
/// Argument checks with messages that name the parameter (bad input never becomes a silent wrong run). Shared by
/// every options record in the course libraries: `using static Course.Simulation.Guard;`.
/// </summary>
public static class Guard
{
    public static double Probability(double value, string name) =>
        value is >= 0 and <= 1 && !double.IsNaN(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is a probability and must be in [0, 1].");

    public static TimeSpan NonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");

    public static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    public static int AtLeast(int value, int min, string name) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {min}.");

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
