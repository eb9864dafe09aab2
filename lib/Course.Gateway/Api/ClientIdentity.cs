using Course.Gateway.Backends;
using Microsoft.AspNetCore.Http;

namespace Course.Gateway.Api;

/// <summary>Who a request counts against for rate limiting: an explicit client id, else the token's subject, else the address.</summary>
public static class ClientIdentity
{
    public static string Of(HttpContext context) =>
        context.Request.Headers.TryGetValue(BackendHeaders.ClientId, out var id) && !string.IsNullOrEmpty(id) ? id.ToString()
        : context.User.FindFirst("sub")?.Value is { } subject ? "sub:" + subject
        : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
