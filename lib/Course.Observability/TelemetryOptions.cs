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

    /// <summary>
    /// An OTLP collector: Jaeger listens on 4317 for OTLP/gRPC and 4318 for OTLP/HTTP. Null: in memory only. Unreachable or
    /// hung: spans are dropped after <see cref="ExportTimeout"/>, requests are neither failed nor slowed.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>gRPC (default, port 4317) or HTTP with protobuf bodies (port 4318; <c>/v1/traces</c> is added to a bare address).</summary>
    public OpenTelemetry.Exporter.OtlpExportProtocol OtlpProtocol { get; init; } = OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;

    /// <summary>Where trace exports go: <see cref="OtlpEndpoint"/>, plus <c>/v1/traces</c> for OTLP/HTTP given a bare address (Jaeger: :4318).</summary>
    public Uri? OtlpTracesEndpoint => OtlpEndpoint is { } endpoint && OtlpProtocol == OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath == "/"
        ? new Uri(endpoint, "v1/traces")
        : OtlpEndpoint;

    /// <summary>How long one export to <see cref="OtlpEndpoint"/> may take before it is abandoned (batch export, off the request path).</summary>
    public TimeSpan ExportTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Options from the standard OpenTelemetry environment variables, for a service run as its own process or container
    /// (compose sets them): <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (e.g. http://jaeger:4317), <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
    /// (<c>grpc</c> or <c>http/protobuf</c>) and <c>OTEL_TRACES_SAMPLER_ARG</c> (the sampling ratio). Unset: the defaults.
    /// A value that cannot be right is an error that names the variable, not a silent fallback.
    /// </summary>
    public static TelemetryOptions FromEnvironment(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        var options = new TelemetryOptions();
        if (variable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ArgumentException($"OTEL_EXPORTER_OTLP_ENDPOINT='{endpoint}' is not an http(s) URL such as http://jaeger:4317", "OTEL_EXPORTER_OTLP_ENDPOINT");
            options = options with { OtlpEndpoint = uri };
        }
        if (variable("OTEL_EXPORTER_OTLP_PROTOCOL") is { Length: > 0 } protocol)
            options = options with
            {
                OtlpProtocol = protocol switch
                {
                    "grpc" => OpenTelemetry.Exporter.OtlpExportProtocol.Grpc,
                    "http/protobuf" => OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf,
                    _ => throw new ArgumentException($"OTEL_EXPORTER_OTLP_PROTOCOL='{protocol}': use grpc or http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL"),
                },
            };
        if (variable("OTEL_TRACES_SAMPLER_ARG") is { Length: > 0 } ratio)
        {
            if (!double.TryParse(ratio, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
                throw new ArgumentException($"OTEL_TRACES_SAMPLER_ARG='{ratio}' is not a sampling ratio between 0 and 1", "OTEL_TRACES_SAMPLER_ARG");
            options = options with { SamplingRatio = value };
        }
        return options;
    }
}
