using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RecordAccess.Identity.Development;

namespace RecordAccess.Server.Hosting;

/// <summary>
/// Once the server listens, prints its endpoints and, when the development issuer is on, how to get a token and
/// make a first call, so a newcomer can start from the console output alone.
/// </summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, ILogger<StartupBanner> logger, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var addresses = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            LogEndpoints(logger, addresses);
        }

        if (services.GetService<DevelopmentIssuer>() is { } issuer)
        {
            LogDevelopment(logger, issuer.KeyPath);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "RecordAccess listening on {Addresses} (gRPC on the HTTP/2 endpoint, FHIR under /fhir on the HTTP/1.1 endpoint)")]
    private static partial void LogEndpoints(ILogger logger, string addresses);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "DEVELOPMENT issuer is on (key {KeyPath}; JWKS at /.well-known/jwks.json). Get a token: dotnet run --project src/RecordAccess.Cli -- token --kind supplier --client-id demo --scope gate.evaluate --practice A81001. First call: scripts/first-call.sh")]
    private static partial void LogDevelopment(ILogger logger, string keyPath);
}
