using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Course.Gateway.Api;

/// <summary>One downstream call of an aggregate: its name in the combined answer and a URL template ("{id}" is filled in).</summary>
public sealed record AggregatePart
{
    public AggregatePart(string name, string urlTemplate)
    {
        Name = Check.Name(name, "aggregate part name");
        // Checked as http(s): on Unix "/path" parses as an absolute file: URI.
        if (!Uri.TryCreate(urlTemplate.Replace("{id}", "0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"aggregate part '{name}' has URL template '{urlTemplate}', which is not an absolute http(s) URI", nameof(urlTemplate));
        UrlTemplate = urlTemplate;
    }

    public string Name { get; }
    public string UrlTemplate { get; }
}

/// <summary>
/// Request aggregation (the "API composition" pattern, Richardson, <i>Microservices Patterns</i> §7.1): one client call to
/// <see cref="Path"/> fans out to every part concurrently and returns one JSON object keyed by part name. A part that fails
/// (error, timeout, open circuit) is listed under "missing" and the answer is marked partial rather than failing the whole call.
/// </summary>
public sealed record AggregateRoute
{
    public const string PartialHeader = "X-Partial";

    public AggregateRoute(string path, IEnumerable<AggregatePart> parts)
    {
        try { RoutePatternFactory.Parse(path); }
        catch (RoutePatternException e) { throw new ArgumentException($"aggregate path '{path}' is malformed: {e.Message}", nameof(path), e); }
        Path = path;
        Parts = parts.ToArray();
        if (Parts.Count < 2) throw new ArgumentException($"an aggregate needs at least two parts (got {Parts.Count}); one part is just a route", nameof(parts));
        if (Parts.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Parts.Count)
            throw new ArgumentException("aggregate part names must be unique", nameof(parts));
    }

    public string Path { get; }
    public IReadOnlyList<AggregatePart> Parts { get; }

    internal void Map(WebApplication app, Func<string, HttpMessageInvoker> clientOf) =>
        app.MapGet(Path, context => AnswerAsync(context, clientOf));

    private async Task AnswerAsync(HttpContext context, Func<string, HttpMessageInvoker> clientOf)
    {
        var id = context.Request.RouteValues["id"]?.ToString() ?? "";
        var calls = Parts.Select(part => FetchAsync(clientOf(part.Name), part, id, context.RequestAborted)).ToArray();
        var answers = await Task.WhenAll(calls).ConfigureAwait(false);     // concurrently: latency = the slowest part, not the sum

        var combined = new JsonObject();
        var missing = new JsonArray();
        foreach (var (part, body) in Parts.Zip(answers))
        {
            if (body is null) missing.Add(part.Name);
            else combined[part.Name] = body;
        }
        combined["missing"] = missing;
        if (missing.Count == Parts.Count) context.Response.StatusCode = StatusCodes.Status502BadGateway;
        else if (missing.Count > 0) context.Response.Headers[PartialHeader] = "true";
        await context.Response.WriteAsync(combined.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonNode?> FetchAsync(HttpMessageInvoker client, AggregatePart part, string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, part.UrlTemplate.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException) { return null; }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
