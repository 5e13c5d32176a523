// An OpenAI-compatible gateway in front of a FailoverGen chain: `dotnet run --project samples/Gateway`, then point an
// OpenAI client at http://127.0.0.1:8400/v1. The upstreams and the chain's settings are in appsettings.json.
Gateway.GatewayApp.Create(args).Run();
