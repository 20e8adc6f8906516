using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Fhir;

/// <summary>Who calls a FHIR endpoint: 401 OperationOutcome without a valid token, 403 when the caller may not do this.</summary>
internal static class FhirCaller
{
    /// <summary>The caller if <paramref name="allowed"/> holds; otherwise the 401 or 403 result.</summary>
    public static FhirResult? Authorize(HttpContext context, Func<Caller, bool> allowed, string refusal, out Caller? caller)
    {
        caller = Caller.FromPrincipal(context.User);
        if (caller is null)
        {
            return FhirOutcomes.Unauthenticated();
        }

        if (!allowed(caller))
        {
            caller = null;
            return FhirOutcomes.Forbidden(refusal);
        }

        return null;
    }
}
