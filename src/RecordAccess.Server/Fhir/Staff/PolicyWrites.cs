using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Which admin operation a FHIR write is: a create records a code, a grant, a flag or a restriction; a status change
/// to inactive revokes, removes, resolves or lifts. Every write goes through <see cref="PolicyAdmin"/>, the same
/// service gRPC uses, so its validation and practice scope apply unchanged.
/// </summary>
internal static class PolicyWrites
{
    public static Task<AdminResult> CreateAsync(PolicyAdmin admin, ChangeContext why, PolicyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(input);
        var nhs = input.NhsNumber;
        return input.Code switch
        {
            ConsentKinds.IndividualGrant => admin.GrantIndividualAccessAsync(why, nhs, input.Date, cancellationToken),
            ConsentKinds.StartDate => admin.SetIndividualStartDateAsync(why, nhs, input.Date, cancellationToken),
            ConsentKinds.HistoricAccess => admin.GrantHistoricAccessAsync(why, nhs, input.Date, cancellationToken),
            FlagCodes.Safeguarding => admin.RaiseSafeguardingFlagAsync(why, nhs, input.FlagId ?? $"flag-{Guid.NewGuid():N}", cancellationToken),
            FlagCodes.Restricted => admin.RestrictPatientAsync(why, nhs, cancellationToken),
            _ => admin.RecordPatientCodeAsync(why, nhs, input.Code, input.Date, cancellationToken),
        };
    }

    /// <summary>The operation that ends <paramref name="current"/>, or null when it cannot be ended (access codes).</summary>
    public static Func<PolicyAdmin, ChangeContext, CancellationToken, Task<AdminResult>>? End(PolicyResource current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var nhs = current.NhsNumber;
        return current.Code switch
        {
            ConsentKinds.IndividualGrant => (a, why, ct) => a.RevokeIndividualAccessAsync(why, nhs, ct),
            ConsentKinds.StartDate => (a, why, ct) => a.RemoveIndividualStartDateAsync(why, nhs, ct),
            ConsentKinds.HistoricAccess => (a, why, ct) => a.RevokeHistoricAccessAsync(why, nhs, ct),
            FlagCodes.Safeguarding => (a, why, ct) => a.ResolveSafeguardingFlagAsync(why, nhs, current.FlagId, ct),
            FlagCodes.Restricted => (a, why, ct) => a.LiftRestrictionAsync(why, nhs, ct),
            _ => null,
        };
    }

    /// <summary>An admin refusal as an OperationOutcome: 403 outside the caller's practice, 409 against the current state, 422 otherwise.</summary>
    public static FhirResult Refusal(AdminResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = string.Join("; ", result.Problems);
        if (result.Problems.Any(p => p.Field.StartsWith("actor", StringComparison.Ordinal)))
        {
            return FhirOutcomes.Forbidden(text);
        }

        return result.Problems.Any(p => p.Message.Contains("already", StringComparison.Ordinal) || p.Message.Contains("has no", StringComparison.Ordinal) || p.Message.Contains("is not restricted", StringComparison.Ordinal))
            ? FhirOutcomes.Conflict(text)
            : FhirOutcomes.Unprocessable(text, code: "business-rule");
    }
}
