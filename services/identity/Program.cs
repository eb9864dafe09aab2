// The Identity service as its own process: `dotnet run --project services/identity` (settings: see ServiceProcess).
return await Course.Microservices.Hosting.ServiceProcess.RunAsync("identity", args);
