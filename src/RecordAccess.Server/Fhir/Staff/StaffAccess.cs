using System.Globalization;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// What every staff endpoint shares: the caller (401 without a valid token), and the patient's Consents and Flags read
/// from the durable log (never from a cache), so ids and versions are the same on every server. Authorisation is on
/// the data returned (decision 0090): the patient's history is read once, the practice it ends at must be one the
/// caller administers (staff of that practice, or a supplier with gate.admin serving it), and only that read is
/// projected and returned. A server whose in-memory state lags the log cannot authorise against an older practice.
/// An unknown patient, another practice's and one who moved away get one refusal: 404 with one message, no practice.
/// </summary>
internal static class StaffAccess
{
    /// <summary>The one refusal for a patient the caller may not act for.</summary>
    public static FhirResult NotEntitled() =>
        FhirOutcomes.NotFound("No patient with this NHS number is registered at a practice the caller may act for.");

    /// <summary>Null when <paramref name="caller"/> may administer the practice the patient's durable history ends at; else <see cref="NotEntitled"/>.</summary>
    public static async Task<FhirResult?> AuthorizePatientAsync(PolicyRuntime runtime, Caller caller, string nhsNumber, CancellationToken cancellationToken) =>
        (await LoadAuthorisedAsync(runtime, caller, nhsNumber, cancellationToken).ConfigureAwait(false)).Refused;

    /// <summary>The patient's resources, projected from the very history read that authorised the caller; or <see cref="NotEntitled"/>.</summary>
    public static async Task<(List<PolicyResource>? Resources, FhirResult? Refused)> LoadAuthorisedAsync(
        PolicyRuntime runtime, Caller caller, string nhsNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(caller);
        var history = new List<RecordedEvent>();
        await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
        {
            history.Add(e);
        }

        return Authorize(caller, nhsNumber, history) is { } refused ? (null, refused) : (PolicyResourceProjection.Project(history, nhsNumber), null);
    }

    /// <summary>Null when the practice <paramref name="history"/> (the patient's, in log order) ends at is one the caller administers; else <see cref="NotEntitled"/>.</summary>
    public static FhirResult? Authorize(Caller caller, string nhsNumber, IReadOnlyList<RecordedEvent> history)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(history);
        string? ods = null;
        foreach (var e in history)
        {
            ods = e.Event.Change is PatientRegistered registered && registered.NhsNumber == nhsNumber ? registered.Ods : ods;
        }

        return ods is not null && caller.MayAdminister(ods) ? null : NotEntitled();
    }

    /// <summary>The caller, or the 401 result (no valid token) or 403 (a patient: staff endpoints are not theirs).</summary>
    public static Caller? Caller(HttpContext context, out FhirResult? error)
    {
        var caller = Identity.Caller.FromPrincipal(context.User);
        error = caller is null ? FhirOutcomes.Unauthenticated()
            : caller.Kind == CallerKind.Patient ? FhirOutcomes.Forbidden("These resources are for practice staff and GP system suppliers.")
            : null;
        return error is null ? caller : null;
    }

    /// <summary>
    /// The resource with this id (<c>consent-{version}</c> or <c>flag-{version}</c>) if the caller may administer its
    /// patient's current practice; null otherwise, so a resource of another practice's patient looks unknown.
    /// </summary>
    public static async Task<PolicyResource?> FindAuthorisedAsync(PolicyRuntime runtime, Caller caller, string resourceType, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var prefix = resourceType == "Consent" ? "consent-" : "flag-";
        if (id is null || !id.StartsWith(prefix, StringComparison.Ordinal)
            || !long.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            return null;
        }

        string? nhs = null;
        await foreach (var e in runtime.Store.ReadAsync(version - 1, cancellationToken).ConfigureAwait(false))
        {
            nhs = e.Version == version && e.Event.Change is PatientChange change ? change.NhsNumber : null;
            break;
        }

        if (nhs is null)
        {
            return null;
        }

        var (resources, _) = await LoadAuthorisedAsync(runtime, caller, nhs, cancellationToken).ConfigureAwait(false);
        return resources?.Find(r => r.Id == id && r.ResourceType == resourceType);
    }

    /// <summary>A result carrying the resource with its ETag (and Location for a create).</summary>
    public static FhirResult Respond(HttpContext context, int status, PolicyResource resource)
    {
        var headers = new Dictionary<string, string> { ["ETag"] = PolicyResourceMapper.ETag(resource) };
        var url = $"{FhirEndpointRouteBuilderExtensions.BaseUrl(context)}/{resource.ResourceType}/{resource.Id}";
        headers[status == StatusCodes.Status201Created ? "Location" : "Content-Location"] = $"{url}/_history/{resource.LastVersion.ToString(CultureInfo.InvariantCulture)}";
        return new FhirResult(status, PolicyResourceMapper.ToFhir(resource), headers);
    }
}
