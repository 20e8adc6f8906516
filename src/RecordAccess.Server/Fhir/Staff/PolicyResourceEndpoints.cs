using RecordAccess.Core.Policy;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Create, read, search and status change of Consent or Flag. Writes return 201/200 with the resource, whose
/// meta.versionId and ETag are the state version of the change. Deleting is not an interaction (405): a grant is
/// revoked and a flag resolved by a status change, so the log keeps the whole history.
/// </summary>
internal sealed class PolicyResourceEndpoints(PolicyRuntime runtime, PolicyInputReader reader, string resourceType)
{
    public async Task<IResult> CreateAsync(HttpContext context)
    {
        if (StaffAccess.Caller(context, out var unauthenticated) is not { } caller)
        {
            return unauthenticated!;
        }

        var (input, invalid) = await reader.ReadAsync(context, resourceType).ConfigureAwait(false);
        if (input is null)
        {
            return invalid!;
        }

        if (input.Status != "active")
        {
            return FhirOutcomes.Unprocessable($"A new {resourceType} must be active; end one by changing its status (PUT).", $"{resourceType}.status", "business-rule");
        }

        if (await StaffAccess.AuthorizePatientAsync(runtime, caller, input.NhsNumber, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var result = await PolicyWrites.CreateAsync(runtime.Admin, new ChangeContext(caller.ToActor(), input.Reason), input, context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return PolicyWrites.Refusal(result);
        }

        var (resources, _) = await StaffAccess.LoadAuthorisedAsync(runtime, caller, input.NhsNumber, context.RequestAborted).ConfigureAwait(false);
        var created = resources?.Find(r => r.Version == result.Version);
        return created is null ? FhirOutcomes.InternalError() : StaffAccess.Respond(context, StatusCodes.Status201Created, created);
    }

    public async Task<IResult> ReadAsync(HttpContext context)
    {
        if (StaffAccess.Caller(context, out var unauthenticated) is not { } caller)
        {
            return unauthenticated!;
        }

        var id = context.Request.RouteValues["id"] as string;
        var found = await StaffAccess.FindAuthorisedAsync(runtime, caller, resourceType, id, context.RequestAborted).ConfigureAwait(false);
        return found is null
            ? FhirOutcomes.NotFound($"{resourceType}/{id} is not known.")
            : StaffAccess.Respond(context, StatusCodes.Status200OK, found);
    }

    public async Task<IResult> SearchAsync(HttpContext context)
    {
        if (StaffAccess.Caller(context, out var unauthenticated) is not { } caller)
        {
            return unauthenticated!;
        }

        var (nhs, invalid) = StaffSearch.Patient(context.Request.Query, "status");
        if (nhs is null)
        {
            return invalid!;
        }

        var status = context.Request.Query["status"].ToString();
        if (status is not ("" or "active" or "inactive"))
        {
            return FhirOutcomes.Invalid($"status must be active or inactive, found '{status}'.", "status", "value");
        }

        var (resources, refused) = await StaffAccess.LoadAuthorisedAsync(runtime, caller, nhs, context.RequestAborted).ConfigureAwait(false);
        if (resources is null)
        {
            return refused!;
        }

        var matches = resources
            .Where(r => r.ResourceType == resourceType && (status.Length == 0 || (status == "active") == r.Active))
            .Select(r => (Hl7.Fhir.Model.Resource)PolicyResourceMapper.ToFhir(r))
            .ToList();
        return new FhirResult(StatusCodes.Status200OK, StaffSearch.Bundle(context, matches, resourceType));
    }

    public Task<IResult> UpdateAsync(HttpContext context) => new PolicyStatusChange(runtime, reader, resourceType).HandleAsync(context);
}
