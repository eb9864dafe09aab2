using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Course.Microservices;
using Course.Microservices.Catalog.Grpc;
using Course.Microservices.Edge;
using Course.Microservices.Identity;
using Course.Microservices.Security;
using Grpc.Core;
using Grpc.Net.Client;

namespace Course.Benchmarks.Microservices;

/// <summary>
/// The same call — "look up product book" at the Catalog, with a bearer token, over TLS on loopback — made five ways in
/// one run: REST + JSON direct (baseline), gRPC + protobuf direct, REST through the API gateway, gRPC through the API
/// gateway, and REST through the sidecar (mutual TLS, Polly pipeline). One operation = one call, sequential, so the
/// mean is the latency per call and 1/mean the calls per second; the ratio column is the cost over a direct REST call.
/// Bounded: <see cref="Calls"/> calls per invocation, 127.0.0.1 only.
/// </summary>
public class MicroserviceCallBenchmarks
{
    private const int Calls = 50;
    private MicroserviceSystem _system = null!;
    private Sidecar _sidecar = null!;
    private HttpClient _http = null!;
    private GrpcChannel _direct = null!, _viaGateway = null!;
    private CatalogLookup.CatalogLookupClient _grpc = null!, _grpcViaGateway = null!;
    private Metadata _headers = null!;
    private Uri _rest = null!, _restViaGateway = null!, _restViaSidecar = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = MicroserviceSystem.StartAsync().GetAwaiter().GetResult();
        _sidecar = _system.StartCatalogSidecarAsync().GetAwaiter().GetResult();
        var token = _system.TokenAsync(KnownClients.Storefront, Scopes.CatalogRead).GetAwaiter().GetResult();
        // One client for every REST path; it presents a client certificate, which only the sidecar asks for.
        _http = new HttpClient(CertificateTrust.Handler(_system.Authority.PublicRoot, _system.Authority.IssueClient("bench")));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _headers = new Metadata { { "Authorization", $"Bearer {token}" } };
        _direct = GrpcChannel.ForAddress(_system.Catalog.BaseAddress, new GrpcChannelOptions { HttpHandler = CertificateTrust.Handler(_system.Authority.PublicRoot) });
        _viaGateway = GrpcChannel.ForAddress(_system.Gateway.Address, new GrpcChannelOptions { HttpHandler = CertificateTrust.Handler(_system.Authority.PublicRoot) });
        _grpc = new CatalogLookup.CatalogLookupClient(_direct);
        _grpcViaGateway = new CatalogLookup.CatalogLookupClient(_viaGateway);
        _rest = new Uri(_system.Catalog.BaseAddress, "api/products/book");
        _restViaGateway = new Uri(_system.Gateway.Address, "catalog/api/products/book");
        _restViaSidecar = new Uri(_sidecar.Address, "api/products/book");
    }

    [Benchmark(Baseline = true, Description = "REST direct", OperationsPerInvoke = Calls)]
    public Task RestDirect() => RestAsync(_rest);

    [Benchmark(Description = "gRPC direct", OperationsPerInvoke = Calls)]
    public Task GrpcDirect() => GrpcAsync(_grpc);

    [Benchmark(Description = "REST via API gateway", OperationsPerInvoke = Calls)]
    public Task RestViaGateway() => RestAsync(_restViaGateway);

    [Benchmark(Description = "gRPC via API gateway", OperationsPerInvoke = Calls)]
    public Task GrpcViaGateway() => GrpcAsync(_grpcViaGateway);

    [Benchmark(Description = "REST via sidecar (mTLS + Polly)", OperationsPerInvoke = Calls)]
    public Task RestViaSidecar() => RestAsync(_restViaSidecar);

    private async Task RestAsync(Uri uri)
    {
        for (var i = 0; i < Calls; i++)
        {
            using var response = await _http.GetAsync(uri).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}");
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }
    }

    private async Task GrpcAsync(CatalogLookup.CatalogLookupClient client)
    {
        for (var i = 0; i < Calls; i++)
            if ((await client.GetProductAsync(new ProductRequest { Sku = "book" }, _headers).ConfigureAwait(false)).Price != 4_500)
                throw new InvalidOperationException("wrong price");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _direct.Dispose();
        _viaGateway.Dispose();
        _sidecar.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _system.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
