using RecordAccess.Core.Policy;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// <c>PUT Consent/{id}</c> and <c>PUT Flag/{id}</c>: the only change allowed is status active → inactive (revoke a
/// grant, remove a start date, resolve a flag, lift a restriction), with a ChangeReason. Everything else in the body
/// must be what the server holds (422 otherwise). <c>If-Match: W/"{versionId}"</c>, when sent, must name the current
/// version (412). Access codes are never withdrawn (422): record 1364751000000106 to override 1364731000000104.
/// </summary>
internal sealed class PolicyStatusChange(PolicyRuntime runtime, PolicyInputReader reader, string resourceType)
{
    public async Task<IResult> HandleAsync(HttpContext context)
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

        var id = context.Request.RouteValues["id"] as string;
        if (input.Id != id)
        {
            return FhirOutcomes.Invalid($"The body's id '{input.Id}' must equal the id in the URL '{id}'.", $"{resourceType}.id");
        }

        var current = await StaffAccess.FindAuthorisedAsync(runtime, caller, resourceType, id, context.RequestAborted).ConfigureAwait(false);
        if (current is null)
        {
            return FhirOutcomes.NotFound($"{resourceType}/{id} is not known; create a {resourceType} with POST.");
        }

        if (context.Request.Headers.IfMatch.Count > 0 && context.Request.Headers.IfMatch.ToString() != PolicyResourceMapper.ETag(current))
        {
            return FhirOutcomes.PreconditionFailed($"If-Match {context.Request.Headers.IfMatch} does not name the current version {PolicyResourceMapper.ETag(current)} of {resourceType}/{id}.");
        }

        if (Mismatch(input, current) is { } mismatch)
        {
            return FhirOutcomes.Unprocessable($"Only the status of a {resourceType} can change; {mismatch} differs from the stored resource.", $"{resourceType}.{mismatch}", "business-rule");
        }

        if (input.Status == (current.Active ? "active" : "inactive"))
        {
            return FhirOutcomes.Conflict($"{resourceType}/{id} is already {input.Status}.", $"{resourceType}.status");
        }

        if (input.Status != "inactive" || PolicyWrites.End(current) is not { } end)
        {
            return FhirOutcomes.Unprocessable(input.Status != "inactive"
                ? $"An ended {resourceType} cannot be made active again; create a new one."
                : "Access codes are never withdrawn; record 1364751000000106 to override 1364731000000104.", $"{resourceType}.status", "business-rule");
        }

        var result = await end(runtime.Admin, new ChangeContext(caller.ToActor(), input.Reason), context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return PolicyWrites.Refusal(result);
        }

        var updated = await StaffAccess.FindAuthorisedAsync(runtime, caller, resourceType, id, context.RequestAborted).ConfigureAwait(false);
        return updated is null ? FhirOutcomes.InternalError() : StaffAccess.Respond(context, StatusCodes.Status200OK, updated);
    }

    private static string? Mismatch(PolicyInput input, PolicyResource current) =>
        input.NhsNumber != current.NhsNumber ? (current.ResourceType == "Consent" ? "patient" : "subject")
        : input.Code != current.Code ? (current.ResourceType == "Consent" ? "category" : "code")
        : input.Date is not null && input.Date != PolicyResourceMapper.Day(current.Date) ? "provision"
        : input.FlagId is not null && input.FlagId != current.FlagId ? "identifier"
        : null;
}
