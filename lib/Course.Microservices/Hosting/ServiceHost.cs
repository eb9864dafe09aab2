using System.Net;
using Course.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Course.Microservices.Hosting;

/// <summary>
/// One running ASP.NET Core service: Kestrel on 127.0.0.1 (a free port unless told), TLS only, problem-details
/// errors. The same code serves a notebook cell, a test and <c>dotnet run</c> in services/. Dispose to stop it.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, string name, Uri baseAddress)
    {
        _app = app;
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    /// <summary>https://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds the app (<paramref name="configure"/> adds services, <paramref name="map"/> the endpoints) and starts it.</summary>
    public static async Task<ServiceHost> StartAsync(ServiceHostOptions options, Action<WebApplicationBuilder> configure,
        Action<WebApplication> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = options.Name, ContentRootPath = AppContext.BaseDirectory });
        if (options.Quiet) builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.AnyAddress ? IPAddress.Any : IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(TlsListener.Options(options.Certificate, options.ClientCertificateAuthority));
            });
        });
        builder.Services.AddProblemDetails();
        configure(builder);
        builder.AddCourseTelemetry(options.Name);   // spans, RED metrics on /metrics, logs with trace ids
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCourseTelemetry();
        map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        return new ServiceHost(app, options.Name, new Uri($"https://127.0.0.1:{port}/"));
    }

    /// <summary>Runs until Ctrl+C or SIGTERM (a process host in services/).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public override string ToString() => $"{Name} at {BaseAddress}";

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

}
