// The Catalog service as its own process: `dotnet run --project services/catalog` (settings: see ServiceProcess).
return await Course.Microservices.Hosting.ServiceProcess.RunAsync("catalog", args);
