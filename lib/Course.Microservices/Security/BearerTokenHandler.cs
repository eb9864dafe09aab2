using System.Net.Http.Headers;

namespace Course.Microservices.Security;

/// <summary>Puts the client's access token on every outgoing request (RFC 6750 §2.1): how Orders calls Catalog and Payments.</summary>
public sealed class BearerTokenHandler(TokenClient tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
