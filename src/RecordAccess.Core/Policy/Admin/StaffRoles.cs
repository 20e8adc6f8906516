namespace RecordAccess.Core.Policy.Admin;

/// <summary>
/// Which national RBAC roles (NHS CIS2 role codes) count as clinical: only these may lift a safeguarding flag or a
/// restriction, or release a sensitive entry (decision 0096, <c>docs/roles.md</c>). Every surface reaches this
/// through <see cref="PolicyAdmin"/>, so the pages, gRPC and FHIR share one answer.
/// </summary>
public static class StaffRoles
{
    /// <summary>R8000 Clinical Practitioner Access Role.</summary>
    public const string ClinicalPractitioner = "R8000";

    /// <summary>R8003 Health Professional Access Role.</summary>
    public const string HealthProfessional = "R8003";

    /// <summary>R0260 General Medical Practitioner (a job role code).</summary>
    public const string GeneralMedicalPractitioner = "R0260";

    /// <summary>R8008 Admin/Clinical Support Access Role (not clinical).</summary>
    public const string AdminClinicalSupport = "R8008";

    /// <summary>The clinical role codes, exact and case-sensitive.</summary>
    public static readonly IReadOnlySet<string> Clinical = new HashSet<string>(StringComparer.Ordinal)
    {
        ClinicalPractitioner,
        HealthProfessional,
        GeneralMedicalPractitioner,
    };

    /// <summary>
    /// True when the actor may make a change that needs a clinical role: staff with a clinical role code; a GP system
    /// supplier (its own RBAC decided which user acted) and a RecordAccess tool (run by an operator holding the store)
    /// are not staff and are not asked for a role (decision 0096).
    /// </summary>
    /// <param name="actor">Who asks.</param>
    public static bool MayActClinically(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Kind switch
        {
            ActorKind.Staff => actor.Role is not null && Clinical.Contains(actor.Role),
            ActorKind.Supplier or ActorKind.System => true,
            _ => false,
        };
    }
}
