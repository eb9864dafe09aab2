using YamlDotNet.RepresentationModel;

namespace Course.Microservices.Tests;

/// <summary>
/// The Dockerfiles, the compose file and the Kubernetes manifests cannot run here (no Docker, no cluster): check that
/// they parse and agree — each service's image, its container port, its probes and its Service all line up.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string[] Services = ["identity", "catalog", "payments", "orders", "gateway"];
    private static readonly string Root = FindRoot();

    [Fact]
    public void EveryServiceHasADeploymentAServiceAndAConfigMapThatAgree()
    {
        foreach (var service in Services)
        {
            var docs = Load(Path.Combine(Root, "services", "k8s", $"{service}.yaml"));
            Assert.Equal(["ConfigMap", "Deployment", "Service"], docs.Select(d => Text(d, "kind")).Order());
            var deployment = docs.Single(d => Text(d, "kind") == "Deployment");
            var container = (YamlMappingNode)Seq(Map(Map(Map(deployment, "spec"), "template"), "spec"), "containers").Single();
            Assert.Equal($"course/{service}:week6", Text(container, "image"));
            var port = Text((YamlMappingNode)Seq(container, "ports").Single(), "containerPort");
            Assert.Equal("8443", port);
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                var get = Map(Map(container, probe), "httpGet");
                Assert.Equal(("/healthz", port, "HTTPS"), (Text(get, "path"), Text(get, "port"), Text(get, "scheme")));
            }
            Assert.Equal($"{service}-config", Text(Map((YamlMappingNode)Seq(container, "envFrom").Single(), "configMapRef"), "name"));
            var config = Map(docs.Single(d => Text(d, "kind") == "ConfigMap"), "data");
            Assert.Equal(port, Text(config, "PORT"));
            Assert.Equal(new Uri("http://jaeger:4317"), Course.Observability.TelemetryOptions.FromEnvironment(v => Optional(config, v)).OtlpEndpoint);

            var svc = docs.Single(d => Text(d, "kind") == "Service");
            Assert.Equal(service, Text(Map(Map(svc, "spec"), "selector"), "app"));
            Assert.Equal(service, Text(Map(Map(Map(Map(deployment, "spec"), "template"), "metadata"), "labels"), "app"));
            Assert.Equal(port, Text((YamlMappingNode)Seq(Map(svc, "spec"), "ports").Single(), "targetPort"));
        }
    }

    [Fact]
    public void KubernetesRunsTheTraceBackendTheServicesExportTo()
    {
        var docs = Load(Path.Combine(Root, "services", "k8s", "jaeger.yaml"));
        var deployment = docs.Single(d => Text(d, "kind") == "Deployment");
        var container = (YamlMappingNode)Seq(Map(Map(Map(deployment, "spec"), "template"), "spec"), "containers").Single();
        Assert.Equal(Course.Observability.Backends.ObservabilityContainers.JaegerImage, Text(container, "image"));
        var containerPorts = Seq(container, "ports").Cast<YamlMappingNode>().Select(p => Text(p, "containerPort")).ToList();
        var svc = docs.Single(d => Text(d, "kind") == "Service");
        Assert.Equal("jaeger", Text(Map(svc, "metadata"), "name"));
        Assert.Equal("jaeger", Text(Map(Map(svc, "spec"), "selector"), "app"));
        var otlp = Seq(Map(svc, "spec"), "ports").Cast<YamlMappingNode>().Single(p => Text(p, "port") == "4317");
        Assert.Contains(Text(otlp, "targetPort"), containerPorts);
    }

    [Fact]
    public void ComposeBuildsEachImageFromItsDockerfileAndOnlyTheGatewayIsPublished()
    {
        var compose = Load(Path.Combine(Root, "services", "compose.yaml")).Single();
        var services = Map(compose, "services");
        Assert.Equal(Services.Append("jaeger").Order(), services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());
        // The trace backend: the image the Testcontainers helper uses, and every service exporting to its OTLP/gRPC port
        // through the variable TelemetryOptions.FromEnvironment reads.
        Assert.Equal(Course.Observability.Backends.ObservabilityContainers.JaegerImage, Text(Map(services, "jaeger"), "image"));
        foreach (var service in Services)
        {
            var endpoint = Text(Map(Map(services, service), "environment"), "OTEL_EXPORTER_OTLP_ENDPOINT");
            Assert.Equal(new Uri("http://jaeger:4317"), Course.Observability.TelemetryOptions.FromEnvironment(v => v == "OTEL_EXPORTER_OTLP_ENDPOINT" ? endpoint : null).OtlpEndpoint);
        }
        foreach (var service in Services)
        {
            var s = Map(services, service);
            Assert.Equal($"course/{service}:week6", Text(s, "image"));
            var dockerfile = Text(Map(s, "build"), "dockerfile");
            Assert.Equal($"services/{service}/Dockerfile", dockerfile);
            var text = File.ReadAllText(Path.Combine(Root, dockerfile));
            Assert.Contains("EXPOSE 8443", text);
            Assert.Contains($"Course.Services.{char.ToUpperInvariant(service[0])}{service[1..]}.dll", text);
            Assert.True(File.Exists(Path.Combine(Root, "services", service, $"Course.Services.{char.ToUpperInvariant(service[0])}{service[1..]}.csproj")));
            Assert.Equal(service == "gateway", s.Children.ContainsKey("ports"));
        }
        Assert.Equal("5000:8443", ((YamlScalarNode)Seq(Map(services, "gateway"), "ports").Single()).Value);
    }

    private static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];
    private static YamlSequenceNode Seq(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];
    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
    private static string? Optional(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException("Course.sln not found above " + AppContext.BaseDirectory);
    }
}
