using System.Net;
using System.Text.Json.Nodes;
using Course.Gateway.Api;
using Course.Gateway.Backends;
using Course.Gateway.Probing;

namespace Course.Gateway.Tests.Api;

/// <summary>One call to the gateway, two backends behind it, one combined answer — partial when a part fails.</summary>
public sealed class AggregationTests
{
    private static async Task<ApiGateway> GatewayAsync(BackendFleet fleet) =>
        await ApiGateway.StartAsync(new ApiGatewayOptions(GatewayConfig.CatchAll(GatewayCluster.Of("catalog-pool", [fleet["catalog"]])))
        {
            Aggregates =
            [
                new AggregateRoute("/products/{id}/page",
                [
                    new AggregatePart("catalog", $"{fleet["catalog"].Address}catalog/{{id}}"),
                    new AggregatePart("reviews", $"{fleet["reviews"].Address}reviews/{{id}}"),
                ]),
            ],
        });

    [Fact]
    public async Task Combines_both_backends_answers()
    {
        await using var fleet = await BackendFleet.StartAsync("catalog", "reviews");
        await using var gateway = await GatewayAsync(fleet);
        using var http = LoadProbe.Client();

        using var response = await http.GetAsync(new Uri(gateway.Address, "/products/7/page"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("catalog", (string?)body["catalog"]!["backend"]);
        Assert.Equal("/catalog/7", (string?)body["catalog"]!["path"]);
        Assert.Equal("/reviews/7", (string?)body["reviews"]!["path"]);
        Assert.Empty(body["missing"]!.AsArray());
        Assert.False(response.Headers.Contains(AggregateRoute.PartialHeader));
        Assert.Equal(1, fleet["catalog"].Served);
        Assert.Equal(1, fleet["reviews"].Served);
    }

    [Fact]
    public async Task A_failing_part_gives_a_partial_answer_and_both_failing_a_502()
    {
        await using var fleet = await BackendFleet.StartAsync("catalog", "reviews");
        await using var gateway = await GatewayAsync(fleet);
        using var http = LoadProbe.Client();

        fleet["reviews"].Failing = true;
        using var partial = await http.GetAsync(new Uri(gateway.Address, "/products/7/page"));
        var body = JsonNode.Parse(await partial.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal("true", partial.Headers.GetValues(AggregateRoute.PartialHeader).Single());
        Assert.Equal("catalog", (string?)body["catalog"]!["backend"]);
        Assert.Null(body["reviews"]);
        Assert.Equal(["reviews"], body["missing"]!.AsArray().Select(n => (string?)n));

        fleet["catalog"].Failing = true;
        using var none = await http.GetAsync(new Uri(gateway.Address, "/products/7/page"));
        Assert.Equal(HttpStatusCode.BadGateway, none.StatusCode);
    }

    [Fact]
    public void Malformed_aggregates_are_rejected()
    {
        var part = new AggregatePart("a", "http://127.0.0.1:1/a/{id}");
        Assert.Contains("at least two parts", Assert.Throws<ArgumentException>(() => new AggregateRoute("/x/{id}", [part])).Message);
        Assert.Contains("is malformed", Assert.Throws<ArgumentException>(() => new AggregateRoute("/x/{id", [part, part with { }])).Message);
        Assert.Contains("not an absolute http(s) URI", Assert.Throws<ArgumentException>(() => new AggregatePart("b", "/relative/{id}")).Message);
    }
}
