namespace RecordAccess.Server.Fhir.Validation;

/// <summary>
/// Starts compiling the FHIR profile set when the host starts, in the background (start-up is not held up: the gate
/// serves gRPC without it); a failure is logged, and staff writes then answer 500 until it is fixed.
/// </summary>
internal sealed class FhirValidatorWarmUp(FhirProfileValidator validator, ILogger<FhirValidatorWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = validator.Ready.ContinueWith(
            t => FhirLog.ProfilesFailed(logger, t.Exception!),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
