namespace Course.Distributed.Production.Tests;

public class KvCommandTests
{
    [Theory]
    [InlineData("k", "v")]
    [InlineData("ключ", "a=b=c")]
    [InlineData("k", "")]
    public void SetCommandsRoundTripAsTextAndBytes(string key, string value)
    {
        var command = KvCommand.Set(key, value);
        Assert.Equal(command, KvCommand.Parse(command.ToText()));
        Assert.Equal(command, KvCommand.Parse(command.ToBytes()));
    }

    [Fact]
    public void BadKeysAreRefusedAndOtherEntriesAreNotCommands()
    {
        Assert.Throws<ArgumentException>(() => KvCommand.Set("a=b", "v"));
        Assert.Throws<ArgumentException>(() => KvCommand.Set("", "v"));
        Assert.Null(KvCommand.Parse(""));
        Assert.Null(KvCommand.Parse("noop"));
        Assert.Null(KvCommand.Parse("set =v"));
    }
}
