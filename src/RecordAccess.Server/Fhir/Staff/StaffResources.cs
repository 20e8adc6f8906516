using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Staff read and write of the policy state (CIS2 staff of the patient's practice, or suppliers with gate.admin
/// serving it): Consent (access codes and grants) and Flag (safeguarding flags and restrictions) with create, read,
/// search by patient and status change; AuditEvent search by patient and date.
/// </summary>
internal sealed class StaffResources(PolicyRuntime runtime, PolicyInputReader reader) : IFhirModule
{
    private const string PatientDocumentation = "Patient/{nhsNumber}, or the identifier https://fhir.nhs.uk/Id/nhs-number|{nhsNumber} (also as patient:identifier); required";
    private const string R4 = "http://hl7.org/fhir/SearchParameter/";
    private static readonly FhirSearchParameter Patient = new("patient", "reference", R4 + "clinical-patient", PatientDocumentation);

    public void AddRoutes(FhirRouteRegistry routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        // R4 defines Consent-status; it has no status parameter for Flag, so ours (fhir-profiles/SearchParameter-Flag-status.json) is the definition.
        foreach (var (type, profile, status) in new[] { ("Consent", "RecordAccessConsent", R4 + "Consent-status"), ("Flag", "RecordAccessFlag", FhirCanonical.Base + "/SearchParameter/Flag-status") })
        {
            var endpoints = new PolicyResourceEndpoints(runtime, reader, type);
            var canonical = FhirCanonical.StructureDefinition(profile);
            routes.Add(new FhirRoute(HttpMethods.Post, type, type, endpoints.CreateAsync) { Interaction = "create", Profile = canonical });
            routes.Add(new FhirRoute(HttpMethods.Get, $"{type}/{{id}}", type, endpoints.ReadAsync) { Interaction = "read", Profile = canonical });
            routes.Add(new FhirRoute(HttpMethods.Put, $"{type}/{{id}}", type, endpoints.UpdateAsync) { Interaction = "update", Profile = canonical, Documentation = "Status change only: active to inactive revokes, removes, resolves or lifts." });
            routes.Add(new FhirRoute(HttpMethods.Get, type, type, endpoints.SearchAsync)
            {
                Interaction = "search-type",
                Profile = canonical,
                SearchParameters = [Patient, new("status", "token", status, "active or inactive")],
            });
        }

        routes.Add(new FhirRoute(HttpMethods.Get, "AuditEvent", "AuditEvent", new AuditEventSearch(runtime).HandleAsync)
        {
            Interaction = "search-type",
            Profile = FhirCanonical.StructureDefinition("RecordAccessAuditEvent"),
            SearchParameters = [new("patient", "reference", R4 + "AuditEvent-patient", PatientDocumentation), new("date", "date", R4 + "AuditEvent-date", "UK calendar date with prefix eq, ge, gt, le or lt; repeatable")],
        });
    }
}
