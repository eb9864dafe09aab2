// The Gateway service as its own process: `dotnet run --project services/gateway` (settings: see ServiceProcess).
return await Course.Microservices.Hosting.ServiceProcess.RunAsync("gateway", args);
