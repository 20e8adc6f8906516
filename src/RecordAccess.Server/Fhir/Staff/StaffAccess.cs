using System.Globalization;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// What every staff endpoint shares: the caller (401 without a valid token), the patient's practice (staff of that
/// practice, or a supplier with gate.admin serving it; 403 otherwise), and the patient's Consents and Flags read
/// from the durable log (never from a cache), so ids and versions are the same on every server.
/// </summary>
internal static class StaffAccess
{
    /// <summary>Null when <paramref name="caller"/> may administer the patient's current practice; else 404 or 403.</summary>
    public static FhirResult? AuthorizePatient(PolicyRuntime runtime, Caller caller, string nhsNumber)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(caller);
        var ods = runtime.State.FindPatient(nhsNumber)?.Ods;
        if (ods is null)
        {
            return FhirOutcomes.NotFound($"No GP registration is held for NHS number {nhsNumber}.");
        }

        return caller.MayAdminister(ods)
            ? null
            : FhirOutcomes.Forbidden($"The caller may not read or change the policy of practice {ods}; staff act only for their own practice.");
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

    public static async Task<List<PolicyResource>> LoadAsync(PolicyRuntime runtime, string nhsNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var history = new List<Core.Policy.RecordedEvent>();
        await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
        {
            history.Add(e);
        }

        return PolicyResourceProjection.Project(history, nhsNumber);
    }

    /// <summary>The resource with this id (<c>consent-{version}</c> or <c>flag-{version}</c>), or null.</summary>
    public static async Task<PolicyResource?> FindAsync(PolicyRuntime runtime, string resourceType, string? id, CancellationToken cancellationToken)
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

        return nhs is null ? null : (await LoadAsync(runtime, nhs, cancellationToken).ConfigureAwait(false)).Find(r => r.Id == id && r.ResourceType == resourceType);
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
