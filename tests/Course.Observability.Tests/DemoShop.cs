using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Observability.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Course.Observability.Tests;

/// <summary>
/// Two tiny services in this process: "frontend" handles GET /order by calling "backend" GET /stock over HTTP, then
/// publishes an "order placed" message (headers carry the trace context) that a "worker" consumes on another thread.
/// Enough moving parts to check propagation across HTTP and a queue, attribution, logs and metrics.
/// </summary>
internal sealed class DemoShop : IAsyncDisposable
{
    private readonly WebApplication _frontend, _backend;
    private readonly BlockingCollection<Dictionary<string, object?>> _queue = new();
    private readonly Thread _worker;
    private readonly ILogger _workerLog;
    private int _processed;

    private DemoShop(WebApplication frontend, WebApplication backend, ILogger workerLog)
    {
        _frontend = frontend;
        _backend = backend;
        _workerLog = workerLog;
        _worker = new Thread(Consume) { IsBackground = true, Name = "demo-worker" };
        _worker.Start();
    }

    public Uri Frontend => new(_frontend.Urls.First());
    public Uri Backend => new(_backend.Urls.First());
    public int Processed => Volatile.Read(ref _processed);
    public TimeSpan BackendDelay { get; set; }

    public static async Task<DemoShop> StartAsync(TelemetryOptions? options = null)
    {
        DemoShop? shop = null;
        var backend = Build("backend", options);
        backend.MapGet("/stock", async (ILogger<DemoShop> log) =>
        {
            using (BusinessSpans.Start("check stock", ("sku", "book-1")))
            {
                log.LogInformation("Stock checked for {Sku}", "book-1");
                if (shop!.BackendDelay > TimeSpan.Zero) await Task.Delay(shop.BackendDelay);
            }
            return Results.Ok(new { sku = "book-1", available = 3 });
        });
        await backend.StartAsync();

        var frontend = Build("frontend", options);
        var client = new HttpClient();
        frontend.MapGet("/order", async (ILogger<DemoShop> log) =>
        {
            log.LogInformation("Order received");
            var stock = await client.GetStringAsync(new Uri(shop!.Backend, "/stock"));
            var headers = new Dictionary<string, object?>();
            using (MessageTracing.StartPublish("orders", headers)) shop._queue.Add(headers);
            log.LogInformation("Order placed after stock answer {Length}", stock.Length);
            return Results.Ok("placed");
        });
        await frontend.StartAsync();

        var workerLog = (TelemetryLab.Current?.Logs.ProviderFor("worker") ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerProvider.Instance)
            .CreateLogger("Course.Worker");
        return shop = new DemoShop(frontend, backend, workerLog);
    }

    private static WebApplication Build(string name, TelemetryOptions? options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddCourseTelemetry(name, options);
        var app = builder.Build();
        app.UseCourseTelemetry();
        return app;
    }

    private void Consume()
    {
        foreach (var headers in _queue.GetConsumingEnumerable())
        {
            using (var span = MessageTracing.StartProcess("orders", headers.AsReadOnly(), "worker"))
                _workerLog.LogInformation("Order shipped");
            Interlocked.Increment(ref _processed);
        }
    }

    /// <summary>Waits (bounded) until the worker has processed <paramref name="count"/> messages.</summary>
    public bool WaitForWorker(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Processed < count && clock.Elapsed < timeout) Thread.Sleep(10);
        return Processed >= count;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        _worker.Join(TimeSpan.FromSeconds(5));
        await _frontend.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
