using Microsoft.Extensions.Options;
using RecordAccess.Server.Grpc.Internal;
using RecordAccess.Server.Health;

namespace RecordAccess.Server.Policy;

/// <summary>
/// Reports the policy runtime's health in grpc.health.v1 (decision A6): the server ("") and the gate and admin services
/// are NOT_SERVING while the state is not loaded, while the follower's last read of the shared log failed, or when it
/// has not read it for <see cref="PolicyOptions.MaxStaleness"/> (a hung read of a locked store sets no failure), so a
/// load balancer stops sending patient-facing reads to a server whose state may be stale; SERVING again once it reads.
/// </summary>
internal sealed partial class PolicyHealthMonitor(
    PolicyRuntime runtime,
    HealthStatusRegistry registry,
    IEnumerable<GrpcServiceRegistration> services,
    IOptions<PolicyOptions> options,
    TimeProvider clock,
    ILogger<PolicyHealthMonitor> logger) : BackgroundService
{
    /// <summary>The services that answer from the policy state.</summary>
    public static readonly IReadOnlyList<string> PolicyServices = ["recordaccess.v1.RecordAccessGate", "recordaccess.v1.RecordAccessAdmin"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = services.Select(s => s.ServiceName).Where(PolicyServices.Contains).Append("").ToArray();
        var startedAt = clock.GetUtcNow();
        using var timer = new PeriodicTimer(options.Value.HealthCheckInterval, clock);
        HealthStatus? reported = null;
        try
        {
            do
            {
                var problem = FindProblem(startedAt);
                var status = problem is null ? HealthStatus.Serving : HealthStatus.NotServing;
                if (status != reported)
                {
                    foreach (var name in names)
                    {
                        registry.SetStatus(name, status);
                    }

                    if (problem is null)
                    {
                        LogServing(logger);
                    }
                    else
                    {
                        LogNotServing(logger, problem);
                    }

                    reported = status;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: HealthLifetime reports NOT_SERVING for everything.
        }
    }

    /// <summary>Why the state may not be trusted now, or null when it may.</summary>
    private string? FindProblem(DateTimeOffset startedAt)
    {
        if (!runtime.IsReady)
        {
            return "the policy state is not loaded";
        }

        var follower = runtime.Follower;
        if (follower.LastFailure is { } failure)
        {
            return $"the follower cannot read the shared log ({failure.GetType().Name}: {failure.Message})";
        }

        var lastRead = follower.LastSuccess ?? startedAt;
        return clock.GetUtcNow() - lastRead > options.Value.MaxStaleness
            ? $"the follower has not read the shared log since {lastRead:O}"
            : null;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Policy services NOT_SERVING: {Problem}")]
    private static partial void LogNotServing(ILogger logger, string problem);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Policy services SERVING")]
    private static partial void LogServing(ILogger logger);
}
