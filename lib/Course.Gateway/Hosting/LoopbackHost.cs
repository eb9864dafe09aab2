using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Course.Gateway.Hosting;

/// <summary>
/// Kestrel on 127.0.0.1 with a port the OS picks (no races for a "free" port), no config files, no log output:
/// the one way every server in this project (backends, gateways) is hosted in-process — in a test, a benchmark or a notebook cell.
/// </summary>
public static class LoopbackHost
{
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LoopbackHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,                 // never pick up an appsettings.json from the caller's folder
            Args = ["--hostBuilder:reloadConfigOnChange=false"],       // no file watchers: dozens of hosts may run in one test run
        });
        builder.Logging.ClearProviders();                               // notebook output stays readable; tests stay quiet
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> and returns the address Kestrel actually bound, e.g. http://127.0.0.1:41234/.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no listening address");
        return new Uri(addresses.Single().TrimEnd('/') + "/");
    }

    /// <summary>Stops and disposes; never throws for a host that is already stopped.</summary>
    public static async ValueTask StopAsync(WebApplication app)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));   // in-flight requests get 5 s, then are cut
        try { await app.StopAsync(bound.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
