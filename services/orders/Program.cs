// The Orders service as its own process: `dotnet run --project services/orders` (settings: see ServiceProcess).
return await Course.Microservices.Hosting.ServiceProcess.RunAsync("orders", args);
