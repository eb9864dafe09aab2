using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Course.Microservices.Security;
using Grpc.Net.Client;

namespace Course.Microservices.Tests;

/// <summary>Small helpers: an authorised request, a problem-details body, a gRPC channel to Payments with or without a client certificate.</summary>
internal static class Calls
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, Uri uri, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static GrpcChannel PaymentsChannel(MicroserviceSystem system, string token, System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate) =>
        GrpcChannel.ForAddress(system.Payments.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new StaticBearer(token) { InnerHandler = CertificateTrust.Handler(system.Authority.PublicRoot, clientCertificate) },
        });

    private sealed class StaticBearer(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
