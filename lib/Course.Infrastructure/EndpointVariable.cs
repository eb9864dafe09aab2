using System.Globalization;

namespace Course.Infrastructure;

/// <summary>
/// Reads an explicit endpoint such as <c>COURSE_REDIS=127.0.0.1:6379</c>. A malformed value is an error, not a
/// reason to fall back silently to something else.
/// </summary>
public static class EndpointVariable
{
    /// <summary>The parsed value of <paramref name="variable"/>, or null when it is not set.</summary>
    /// <exception cref="FormatException">The value is not <c>host:port</c>.</exception>
    public static (string Host, int Port)? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } value && !string.IsNullOrWhiteSpace(value)
            ? Parse(variable, value)
            : null;

    /// <summary>Parses <c>host:port</c> (IPv6 hosts in brackets: <c>[::1]:6379</c>).</summary>
    /// <exception cref="FormatException">With a message naming the variable, the value and the expected form.</exception>
    public static (string Host, int Port) Parse(string variable, string value)
    {
        var text = value.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) throw Malformed(variable, value, "expected host:port");
        var host = text[..colon];
        if (host.StartsWith('[') != host.EndsWith(']')) throw Malformed(variable, value, "unbalanced brackets around the host");
        if (host.StartsWith('[')) host = host[1..^1];
        else if (host.Contains(':')) throw Malformed(variable, value, "put an IPv6 host in brackets, e.g. [::1]:6379");
        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || host.Contains('/'))
            throw Malformed(variable, value, "the host part is not a host name or address");
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw Malformed(variable, value, "the port must be a number from 1 to 65535");
        return (host, port);
    }

    private static FormatException Malformed(string variable, string value, string why) =>
        new($"{variable}='{value}' is not a valid endpoint: {why}. Set it like {variable}=127.0.0.1:6379, or unset it to let the course start a server.");
}
