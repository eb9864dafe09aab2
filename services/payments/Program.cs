// The Payments service as its own process: `dotnet run --project services/payments` (settings: see ServiceProcess).
return await Course.Microservices.Hosting.ServiceProcess.RunAsync("payments", args);
