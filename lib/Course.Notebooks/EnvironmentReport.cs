using System.Runtime.InteropServices;
using Course.Infrastructure;

namespace Course.Notebooks;

/// <summary>
/// What this machine gives the course: runtime, library build, Docker, and each service with the mode it
/// came up in (or why it could not). Notebook 00 shows it; every hands-on week can show it again.
/// </summary>
public sealed class EnvironmentReport
{
    private readonly List<(string Component, string Status, string Detail)> _rows = [];

    public IReadOnlyList<(string Component, string Status, string Detail)> Rows => _rows;

    public static async Task<EnvironmentReport> CreateAsync(params ServiceEndpoint[] services)
    {
        var report = new EnvironmentReport();
        var docker = await DockerProbe.CheckAsync().ConfigureAwait(false);
        var setup = NotebookSetup.Run();
        report._rows.Add((".NET", "✔", $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}), {Environment.ProcessorCount} cores"));
        report._rows.Add(("Course library", "✔", $"built {setup.BuiltUtc:yyyy-MM-dd HH:mm:ss} UTC ({setup.Configuration})"));
        report._rows.Add(("Docker engine", docker.IsAvailable ? "✔" : "— not found", docker.IsAvailable
            ? $"{docker.Endpoint}: Testcontainers will be used"
            : $"{docker.Detail} — fine: servers come from OS packages instead"));
        foreach (var s in services)
            report._rows.Add((s.Service, StatusOf(s), s.IsAvailable ? $"{s.Address} — {s.Description}" : s.Description));
        return report;
    }

    private static string StatusOf(ServiceEndpoint s) => s.Mode switch
    {
        ServiceMode.Unavailable => "✘ unavailable",
        ServiceMode.Mock => "⚠ mock",
        ServiceMode.EnvironmentVariable => "✔ from environment",
        ServiceMode.Testcontainers => "✔ container",
        ServiceMode.LocalProcess => "✔ local server",
        _ => s.Mode.ToString(),
    };

    public Table ToTable()
    {
        var table = new Table("Environment", "component", "status", "detail");
        foreach (var (component, status, detail) in _rows) table.Add(component, status, detail);
        return table;
    }

    public override string ToString() => ToTable().ToString();
}
