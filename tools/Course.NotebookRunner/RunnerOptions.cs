using System.Globalization;

namespace Course.NotebookRunner;

/// <summary>What to run and where to write it; <see cref="Parse"/> turns the command line into this.</summary>
public sealed record RunnerOptions
{
    public const string Usage =
        "usage: dotnet run --project tools/Course.NotebookRunner [-- [notebook.ipynb|folder ...] [--timeout SECONDS] [--out DIR]]";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(600);

    /// <summary>Notebooks or folders as given (relative to <see cref="WorkingDirectory"/>); empty means all of notebooks/.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Per-notebook limit; the kernel's whole process tree is killed when it runs out.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Where executed/ and site/ go; null means the repository's artifacts/ folder.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Relative paths and the repository root are resolved from here.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>How often a still-running notebook prints a line, so CI logs show it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>False skips <c>dotnet tool restore</c> (tests that already restored it once).</summary>
    public bool RestoreTools { get; init; } = true;

    public bool ShowHelp { get; init; }

    /// <summary>Parses the command line; throws <see cref="RunnerUsageException"/> with a one-line message.</summary>
    public static RunnerOptions Parse(IReadOnlyList<string> args, string? workingDirectory = null)
    {
        var paths = new List<string>();
        var timeout = DefaultTimeout;
        string? output = null;
        var help = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--timeout":
                    timeout = ParseTimeout(ValueAfter(args, ref i));
                    break;
                case "--out":
                    output = ValueAfter(args, ref i);
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                case "--":
                    break; // tolerated: some shells pass the separator through
                default:
                    if (arg.StartsWith('-'))
                        throw new RunnerUsageException($"unknown option '{arg}'. {Usage}");
                    paths.Add(arg);
                    break;
            }
        }

        return new RunnerOptions
        {
            Paths = paths,
            Timeout = timeout,
            OutputDirectory = output,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            ShowHelp = help,
        };
    }

    private static string ValueAfter(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new RunnerUsageException($"option '{option}' needs a value. {Usage}");
        return args[++i];
    }

    private static TimeSpan ParseTimeout(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || double.IsNaN(seconds) || double.IsInfinity(seconds))
            throw new RunnerUsageException($"--timeout must be a number of seconds, got '{text}'");
        if (seconds <= 0)
            throw new RunnerUsageException($"--timeout must be positive, got '{text}'");
        if (seconds > TimeSpan.FromDays(1).TotalSeconds)
            throw new RunnerUsageException($"--timeout must be at most one day (86400 s), got '{text}'");
        return TimeSpan.FromSeconds(seconds);
    }
}
