using Course.Caching.Workloads;

namespace Course.Caching.Tests;

public class TraceFileTests
{
    [Fact]
    public void Reads_one_key_per_line_skipping_blanks_and_comments()
    {
        var text = "# a trace\n 7\n\n-3\r\n42  \n# end\n";
        Assert.Equal([7, -3, 42], TraceFile.ReadIntegers(new StringReader(text)));
        Assert.Equal(["user:1", "user:2"], TraceFile.ReadKeys(new StringReader("user:1\nuser:2\n")));
    }

    [Fact]
    public void A_line_with_two_fields_names_its_line()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceFile.ReadKeys(new StringReader("a\nb\nc,1\n"), "web.trace"));
        Assert.Equal(3, e.Line);
        Assert.StartsWith("web.trace, line 3: expected one key", e.Message);
    }

    [Fact]
    public void A_non_integer_key_names_its_line_counting_skipped_lines()
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceFile.ReadIntegers(new StringReader("# header\n1\n\nx2\n")));
        Assert.Equal(4, e.Line);
        Assert.Contains("'x2' is not an integer key", e.Message);
        Assert.Throws<TraceFormatException>(() => TraceFile.ReadIntegers(new StringReader("99999999999\n")));
    }

    [Fact]
    public void Write_then_read_round_trips()
    {
        var trace = Workloads.Workloads.Zipf(100, 0.9, 200, seed: 4).Trace;
        var writer = new StringWriter();
        TraceFile.Write(writer, trace);
        Assert.Equal(trace, TraceFile.ReadIntegers(new StringReader(writer.ToString())));
    }
}
