namespace Course.Simulation;

/// <summary>Messages that know their wire size, so the network can count bytes (the 6.5840 RPCBytes check).</summary>
public interface IHasSize
{
    int SizeInBytes { get; }
}
