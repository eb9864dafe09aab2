namespace Course.MachineLearning.Network;

/// <summary>
/// Weight initialisation keeps the variance of activations (and of gradients) roughly constant from layer to layer:
/// Xavier/Glorot for tanh and sigmoid (Glorot &amp; Bengio 2010, eq. 16: U(±√(6/(fan_in+fan_out)))) and He/Kaiming
/// for ReLU, which zeroes half its inputs and so needs twice the variance (He et al. 2015, §2.2: N(0, 2/fan_in)).
/// </summary>
public enum Initialization
{
    XavierUniform,
    HeNormal,
}

public static class Initializer
{
    public static double Sample(Initialization scheme, int fanIn, int fanOut, Random rng) => scheme switch
    {
        Initialization.XavierUniform => (2 * rng.NextDouble() - 1) * Math.Sqrt(6.0 / (fanIn + fanOut)),
        Initialization.HeNormal => Data.Synthetic.Gaussian(rng) * Math.Sqrt(2.0 / fanIn),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown initialisation."),
    };

    /// <summary>The scheme that suits an activation: He for ReLU, Xavier otherwise.</summary>
    public static Initialization For(Activation activation) =>
        activation == Activation.Relu ? Initialization.HeNormal : Initialization.XavierUniform;
}
