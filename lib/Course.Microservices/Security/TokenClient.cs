using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Course.Microservices.Security;

/// <summary>
/// The client side of the client-credentials grant (RFC 6749 §4.4): POST client id, secret and scopes to the token
/// endpoint, keep the access token until shortly before it expires. One instance per client identity; thread-safe.
/// </summary>
public sealed class TokenClient
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly Uri _tokenEndpoint;
    private readonly string _clientId;
    private readonly string _secret;
    private readonly string _scope;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Expires)? _cached;

    public TokenClient(HttpClient http, Uri tokenEndpoint, string clientId, string secret, params string[] scopes)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _tokenEndpoint = tokenEndpoint ?? throw new ArgumentNullException(nameof(tokenEndpoint));
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        _clientId = clientId;
        _secret = secret;
        _scope = string.Join(' ', scopes);
    }

    /// <summary>Tokens fetched from the server so far (a cached token is not fetched again).</summary>
    public int Fetched { get; private set; }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } c && c.Expires - RenewBefore > DateTimeOffset.UtcNow) return c.Token;
            var response = await RequestAsync(_http, _tokenEndpoint, _clientId, _secret, _scope, cancellationToken).ConfigureAwait(false);
            _cached = (response.AccessToken, DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn));
            Fetched++;
            return response.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One token request; an error response (invalid_client, invalid_scope) throws with the server's words.</summary>
    public static async Task<TokenResponse> RequestAsync(HttpClient http, Uri tokenEndpoint, string clientId, string secret, string scope,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        if (!string.IsNullOrEmpty(scope)) form["scope"] = scope;
        using var reply = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(form), cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccessStatusCode)
        {
            var body = await reply.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new TokenRequestException((int)reply.StatusCode, body);
        }
        return await reply.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidOperationException("The token endpoint answered with an empty body.");
    }
}

/// <summary>The token endpoint's answer (RFC 6749 §5.1).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The token endpoint refused (RFC 6749 §5.2): the body names the error.</summary>
public sealed class TokenRequestException(int status, string body) : Exception($"The token endpoint answered {status}: {body}")
{
    public int Status { get; } = status;
    public string Body { get; } = body;
}
