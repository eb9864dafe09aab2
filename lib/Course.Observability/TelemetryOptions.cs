namespace Course.Observability;

/// <summary>How much to trace and where to send it. Defaults: every trace, in memory only.</summary>
public sealed record TelemetryOptions
{
    private readonly double _samplingRatio = 1.0;

    /// <summary>
    /// Fraction of new traces recorded (head sampling, decided once at the root from the trace id, then followed by
    /// every service through the <c>sampled</c> flag in traceparent, so a trace is either whole or absent).
    /// </summary>
    public double SamplingRatio
    {
        get => _samplingRatio;
        init => _samplingRatio = double.IsFinite(value) && value is >= 0 and <= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(SamplingRatio), value, "a sampling ratio is a fraction between 0 and 1");
    }

    /// <summary>An OTLP/gRPC collector (Jaeger: port 4317). Null: in memory only. Unreachable: spans are dropped, requests are not slowed.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How long one export to <see cref="OtlpEndpoint"/> may take before it is abandoned (batch export, off the request path).</summary>
    public TimeSpan ExportTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
