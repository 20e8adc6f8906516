using Hl7.Fhir.Model;

namespace RecordAccess.Server.Fhir.Validation;

/// <summary>
/// Validates resources against base R4 and our profiles with Firely.Fhir.Validation (a singleton). The profile set is
/// compiled once per process, on a thread of its own, started by <see cref="FhirValidatorWarmUp"/> when the host starts, so the first staff
/// write does not pay for it; a request that comes earlier waits for the same compilation.
/// </summary>
internal sealed class FhirProfileValidator
{
    private static readonly Lazy<Task<FhirProfileSet>> Shared = new(() => System.Threading.Tasks.Task.Factory.StartNew(
        () => FhirProfileSet.Load(Path.Combine(AppContext.BaseDirectory, "specification.zip"), Path.Combine(AppContext.BaseDirectory, "fhir-profiles")),
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default));

    private readonly Lazy<Task<FhirProfileSet>> _set = Shared;

    /// <summary>Completes when the profile set is compiled (faults when it cannot be).</summary>
    public Task<FhirProfileSet> Ready => _set.Value;

    /// <summary>
    /// The validator's issues for <paramref name="resource"/> against <paramref name="profile"/> (and every profile it
    /// claims in meta.profile); the resource conforms when none is an error or fatal.
    /// </summary>
    public async Task<IReadOnlyList<OperationOutcome.IssueComponent>> ValidateAsync(Resource resource, string profile)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var set = await Ready.ConfigureAwait(false);
        return set.Validator.Validate(resource, profile).Issue;
    }

    public static bool IsError(OperationOutcome.IssueComponent issue) =>
        issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal;
}
