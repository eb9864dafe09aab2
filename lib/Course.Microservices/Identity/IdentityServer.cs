using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using Course.Microservices.Hosting;
using Course.Microservices.Security;
using CourseScopes = Course.Microservices.Security.Scopes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Course.Microservices.Identity;

/// <summary>
/// The OAuth 2.0 authorization server: OpenIddict's server stack answering the client-credentials grant (RFC 6749
/// §4.4) at <c>/connect/token</c>, with discovery at <c>/.well-known/openid-configuration</c> and its public keys at
/// <c>/.well-known/jwks</c>. It runs in OpenIddict's <em>degraded mode</em>: no database of applications, the clients
/// are checked by the two handlers below against <see cref="ClientRegistration"/>s — what the course needs, without
/// Entity Framework. Access tokens are JWTs signed (RS256) and <em>not encrypted</em>: OpenIddict encrypts them by
/// default (JWE) so only its own validation stack can read them; a resource server using the standard ASP.NET JWT
/// bearer handler needs a plain signed JWT (RFC 9068), so encryption is turned off.
/// </summary>
public static class IdentityServer
{
    public const string TokenPath = "connect/token";

    public static Task<ServiceHost> StartAsync(ServiceHostOptions host, IdentityOptions identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(identity);
        var clients = identity.Clients.ToImmutableDictionary(c => c.ClientId, StringComparer.Ordinal);
        return ServiceHost.StartAsync(host, builder =>
        {
            builder.Services.AddOpenIddict().AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath);
                server.AllowClientCredentialsFlow();
                server.EnableDegradedMode();
                server.AddSigningKey(identity.SigningKey);
                // Required by OpenIddict for its own tokens even when access tokens are left unencrypted.
                server.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(identity.AccessTokenLifetime);
                server.RegisterScopes([.. CourseScopes.All]);
                server.UseAspNetCore();
                server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.ClientId is null || !clients.TryGetValue(context.ClientId, out var client)
                        || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(context.Request.ClientSecret ?? ""), System.Text.Encoding.UTF8.GetBytes(client.Secret)))
                    {
                        context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                        return default;
                    }
                    var refused = context.Request.GetScopes().Where(s => !client.AllowedScopes.Contains(s)).ToArray();
                    if (refused.Length > 0) context.Reject(Errors.InvalidScope, $"{client.ClientId} may not ask for: {string.Join(" ", refused)}.");
                    return default;
                }));
                server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    var client = clients[context.Request.ClientId!];
                    var scopes = context.Request.GetScopes();
                    if (scopes.IsEmpty) scopes = [.. client.AllowedScopes]; // no scope asked: everything the client may have
                    var subject = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Subject, Claims.Role);
                    subject.SetClaim(Claims.Subject, client.ClientId);
                    subject.SetClaim(Claims.ClientId, client.ClientId);
                    subject.SetScopes(scopes);
                    subject.SetResources(scopes.Select(CourseScopes.AudienceOf).Distinct().Order(StringComparer.Ordinal));
                    subject.SetDestinations(_ => [Destinations.AccessToken]);
                    context.SignIn(new ClaimsPrincipal(subject));
                    return default;
                }));
            });
        }, app =>
        {
            app.UseAuthentication();
            app.MapGet("/healthz", () => Microsoft.AspNetCore.Http.Results.Text("ok"));
        }, cancellationToken);
    }
}
