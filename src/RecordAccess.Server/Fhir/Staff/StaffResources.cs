using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Staff read and write of the policy state (CIS2 staff of the patient's practice, or suppliers with gate.admin
/// serving it): Consent (access codes and grants) and Flag (safeguarding flags and restrictions) with create, read,
/// search by patient and status change; AuditEvent search by patient and date.
/// </summary>
internal sealed class StaffResources(PolicyRuntime runtime) : IFhirModule
{
    private static readonly FhirSearchParameter Patient = new("patient", "reference", "Patient/{nhsNumber}, or the identifier https://fhir.nhs.uk/Id/nhs-number|{nhsNumber} (also as patient:identifier); required");

    public void AddRoutes(FhirRouteRegistry routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var (type, profile, status) in new[] { ("Consent", "RecordAccessConsent", "status"), ("Flag", "RecordAccessFlag", "status") })
        {
            var endpoints = new PolicyResourceEndpoints(runtime, type);
            var canonical = FhirCanonical.StructureDefinition(profile);
            routes.Add(new FhirRoute(HttpMethods.Post, type, type, endpoints.CreateAsync) { Interaction = "create", Profile = canonical });
            routes.Add(new FhirRoute(HttpMethods.Get, $"{type}/{{id}}", type, endpoints.ReadAsync) { Interaction = "read", Profile = canonical });
            routes.Add(new FhirRoute(HttpMethods.Put, $"{type}/{{id}}", type, endpoints.UpdateAsync) { Interaction = "update", Profile = canonical, Documentation = "Status change only: active to inactive revokes, removes, resolves or lifts." });
            routes.Add(new FhirRoute(HttpMethods.Get, type, type, endpoints.SearchAsync)
            {
                Interaction = "search-type",
                Profile = canonical,
                SearchParameters = [Patient, new(status, "token", "active or inactive")],
            });
        }

        routes.Add(new FhirRoute(HttpMethods.Get, "AuditEvent", "AuditEvent", new AuditEventSearch(runtime).HandleAsync)
        {
            Interaction = "search-type",
            Profile = FhirCanonical.StructureDefinition("RecordAccessAuditEvent"),
            SearchParameters = [Patient, new("date", "date", "UK calendar date with prefix eq, ge, gt, le or lt; repeatable")],
        });
    }
}
