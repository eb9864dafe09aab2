// Starts course services outside a notebook (to poke them with redis-cli, zkCli.sh, a Kafka client, ...),
// prints where they are and how they were obtained, and stops them on Ctrl+C, SIGTERM or end of stdin.
//   dotnet run --project tools/Course.ServiceHost -- redis zookeeper rabbitmq kafka
using System.Runtime.InteropServices;
using Course.Infrastructure;

if (args is ["-h" or "--help"])
{
    Console.WriteLine(Usage.Text);
    return 0;
}
if (!Usage.TryParse(args, out var names, out var error))
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(Usage.Text);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };   // stop in order instead of dying
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

var starting = names.Select(name => CourseServices.StartAsync(name, stop.Token)).ToArray();
try
{
    await Task.WhenAll(starting);
}
catch (OperationCanceledException)
{
    // Interrupted while starting: stop whatever did come up (the rest cleaned up after itself).
    foreach (var task in starting.Where(t => t.IsCompletedSuccessfully)) await task.Result.DisposeAsync();
    Console.WriteLine("interrupted; stopped.");
    return 130;
}

var endpoints = starting.Select(t => t.Result).ToList();
foreach (var endpoint in endpoints) Console.WriteLine(Usage.Line(endpoint));
if (endpoints.All(e => !e.IsAvailable))
{
    Console.WriteLine("nothing started.");
    return 1;
}

Console.WriteLine("ready; Ctrl+C or end of stdin stops them.");
Console.Out.Flush();
var stdinClosed = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync(stop.Token) is not null) { }
}, stop.Token);
try { await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token)); }
catch (OperationCanceledException) { }

foreach (var endpoint in endpoints) await endpoint.DisposeAsync();
Console.WriteLine("stopped.");
return endpoints.All(e => e.IsAvailable) ? 0 : 1;
