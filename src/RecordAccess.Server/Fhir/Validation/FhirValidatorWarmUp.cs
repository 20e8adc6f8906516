using Microsoft.Extensions.Options;

namespace RecordAccess.Server.Fhir.Validation;

/// <summary>
/// Starts compiling the FHIR profile set when the host starts, in the background (start-up is not held up: the gate
/// serves gRPC without it; <c>Fhir:WarmUpValidator=false</c> leaves it to the first staff write); a failure is logged, and staff writes then answer 500 until it is fixed.
/// </summary>
internal sealed class FhirValidatorWarmUp(FhirProfileValidator validator, IOptions<FhirOptions> options, ILogger<FhirValidatorWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUpValidator)
        {
            return Task.CompletedTask;
        }

        _ = validator.Ready.ContinueWith(
            t => FhirLog.ProfilesFailed(logger, t.Exception!),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
