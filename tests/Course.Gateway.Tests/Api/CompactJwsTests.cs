using Course.Gateway.Api;

namespace Course.Gateway.Tests.Api;

public sealed class CompactJwsTests
{
    [Fact]
    public void An_edited_payload_keeps_the_header_and_the_signature_and_changes_only_the_claim()
    {
        var token = new TokenIssuer().Issue("alice");
        var edited = CompactJws.WithEditedPayload(token, p => p["sub"] = "mallory");

        var (before, after) = (CompactJws.Parts(token), CompactJws.Parts(edited));
        Assert.Equal((before[0], before[2]), (after[0], after[2]));
        Assert.NotEqual(before[1], after[1]);
        Assert.Contains("\"sub\":\"mallory\"", CompactJws.Decode(edited).Payload);
        Assert.Contains("\"sub\":\"alice\"", CompactJws.Decode(token).Payload);
        Assert.Contains("\"alg\":\"HS256\"", CompactJws.Decode(token).Header);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    public void Anything_but_three_parts_is_refused_with_the_count(string token)
    {
        var e = Assert.Throws<ArgumentException>(() => CompactJws.Parts(token));
        Assert.Contains($"not {token.Split('.').Length}", e.Message);
        Assert.Throws<ArgumentException>(() => TokenIssuer.Tamper(token));
    }
}
