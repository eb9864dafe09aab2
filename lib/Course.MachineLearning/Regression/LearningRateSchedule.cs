namespace Course.MachineLearning.Regression;

/// <summary>η(t) for epoch t = 0, 1, … (Goodfellow et al., Deep Learning §8.3.1: SGD needs a decaying rate to converge).</summary>
public abstract record LearningRateSchedule
{
    public abstract double Rate(int epoch);

    /// <summary>η(t) = η₀.</summary>
    public sealed record Constant(double Initial) : LearningRateSchedule
    {
        public override double Rate(int epoch) => Initial;
    }

    /// <summary>η(t) = η₀ · factor^⌊t / every⌋.</summary>
    public sealed record Step(double Initial, double Factor, int Every) : LearningRateSchedule
    {
        public override double Rate(int epoch) => Initial * Math.Pow(Factor, epoch / Every);
    }

    /// <summary>η(t) = η₀ / (1 + decay · t) — the Robbins–Monro style decay.</summary>
    public sealed record InverseTime(double Initial, double Decay) : LearningRateSchedule
    {
        public override double Rate(int epoch) => Initial / (1 + Decay * epoch);
    }

    /// <summary>η(t) = η₀ · γᵗ.</summary>
    public sealed record Exponential(double Initial, double Gamma) : LearningRateSchedule
    {
        public override double Rate(int epoch) => Initial * Math.Pow(Gamma, epoch);
    }

    /// <summary>Rejects a schedule whose rate is ≤ 0 or not finite at the start, or whose parameters cannot decay sensibly.</summary>
    public void Validate()
    {
        var first = Rate(0);
        if (!(first > 0) || !double.IsFinite(first))
            throw new ArgumentOutOfRangeException("learningRate", first, $"The learning rate must be positive and finite (got {first}).");
        switch (this)
        {
            case Step s when s.Every < 1 || s.Factor is <= 0 or > 1:
                throw new ArgumentOutOfRangeException(nameof(Step), s, "Step decay needs Every ≥ 1 and Factor in (0, 1].");
            case InverseTime i when i.Decay < 0:
                throw new ArgumentOutOfRangeException(nameof(InverseTime), i, "Decay must be ≥ 0.");
            case Exponential e when e.Gamma is <= 0 or > 1:
                throw new ArgumentOutOfRangeException(nameof(Exponential), e, "Gamma must be in (0, 1].");
        }
    }
}
