using System.Globalization;

namespace Course.Caching.Workloads;

/// <summary>A trace line that is not one key; the message names the trace and the line.</summary>
public sealed class TraceFormatException(string traceName, int line, string message)
    : FormatException($"{traceName}, line {line}: {message}")
{
    public string TraceName { get; } = traceName;
    public int Line { get; } = line;
}

/// <summary>
/// Simple trace files: one key per line. Blank lines and lines starting with '#' are skipped; surrounding
/// whitespace is trimmed; a line with more than one field is an error (a CSV or a log was probably passed by
/// mistake), never silently cut. Integer keys are parsed with the invariant culture.
/// </summary>
public static class TraceFile
{
    public static IReadOnlyList<string> ReadKeys(TextReader reader, string traceName = "trace") =>
        Lines(reader, traceName).Select(l => l.Key).ToArray();

    /// <summary>Keys that must be integers (the simulator's key type).</summary>
    public static IReadOnlyList<int> ReadIntegers(TextReader reader, string traceName = "trace") =>
        Lines(reader, traceName).Select(l =>
            int.TryParse(l.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
                ? key
                : throw new TraceFormatException(traceName, l.Line, $"'{l.Key}' is not an integer key.")).ToArray();

    public static IReadOnlyList<int> ReadIntegers(string path)
    {
        using var reader = File.OpenText(path);
        return ReadIntegers(reader, path);
    }

    public static void Write(TextWriter writer, IEnumerable<int> trace)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var key in trace) writer.WriteLine(key.ToString(CultureInfo.InvariantCulture));
    }

    private static IEnumerable<(string Key, int Line)> Lines(TextReader reader, string traceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            if (text.IndexOfAny([' ', '\t', ',', ';']) is var sep and >= 0)
                throw new TraceFormatException(traceName, lineNumber, $"expected one key, found '{text}' (separator '{text[sep]}' at column {sep + 1}).");
            yield return (text, lineNumber);
        }
    }
}
