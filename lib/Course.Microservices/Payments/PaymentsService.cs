using Course.Microservices.Hosting;
using Course.Microservices.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Microservices.Payments;

/// <summary>
/// The Payments service: gRPC only, behind mutual TLS — a caller needs a client certificate from the course CA
/// (the transport proves <em>which service</em> calls) and a token with scope <c>payments.charge</c> (the
/// application layer proves <em>what it may do</em>). Give <paramref name="host"/> a ClientCertificateAuthority.
/// </summary>
public static class PaymentsService
{
    public static Task<ServiceHost> StartAsync(ServiceHostOptions host, string databasePath, TokenValidation tokens, FaultInjector? faults = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(tokens);
        if (host.ClientCertificateAuthority is null)
            throw new ArgumentException("Payments runs behind mutual TLS: set ServiceHostOptions.ClientCertificateAuthority.", nameof(host));
        if (tokens.Audience != Audiences.Payments) throw new ArgumentException($"Payments accepts tokens for audience '{Audiences.Payments}', not '{tokens.Audience}'.", nameof(tokens));
        var ledger = new PaymentLedger(databasePath);
        return ServiceHost.StartAsync(host, builder =>
        {
            builder.Services.AddSingleton(ledger);
            builder.Services.AddGrpc();
            tokens.AddTo(builder.Services, Scopes.PaymentsCharge);
        }, app =>
        {
            faults?.Use(app);
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/healthz", () => Results.Text("ok"));
            app.MapGrpcService<PaymentsGrpcService>();
        }, cancellationToken);
    }
}
