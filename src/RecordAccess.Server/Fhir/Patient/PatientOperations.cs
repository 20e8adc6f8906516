namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// The patient-facing operations on <c>Patient/{nhsNumber}</c> (NHS login, P9, own record only). Every answer the
/// patient gets is uniform: it says what is visible, never why something is not.
/// </summary>
internal sealed class PatientOperations(RecordAccessOperation recordAccess, EntryVisibilityOperation entryVisibility, FilterOperation filter) : IFhirModule
{
    public const string RecordAccess = "record-access";

    public const string EntryVisibility = "entry-visibility";

    public const string Filter = "filter";

    public void AddRoutes(FhirRouteRegistry routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var method in new[] { HttpMethods.Get, HttpMethods.Post })
        {
            routes.Add(new FhirRoute(method, $"Patient/{{nhsNumber}}/${RecordAccess}", "Patient", recordAccess.HandleAsync)
            {
                OperationName = RecordAccess,
                OperationDefinition = FhirCanonical.OperationDefinition(RecordAccess),
                Documentation = "Is online record access available to this patient, and for entries recorded from which date (same answer shape for every cause of 'not available').",
            });
        }

        routes.Add(new FhirRoute(HttpMethods.Post, $"Patient/{{nhsNumber}}/${EntryVisibility}", "Patient", entryVisibility.HandleAsync)
        {
            OperationName = EntryVisibility,
            OperationDefinition = FhirCanonical.OperationDefinition(EntryVisibility),
            Documentation = "Which of the given entries (id, recorded date, kind, status, labels, parent) the patient may see: visible true/false per entry, never why.",
        });
        routes.Add(new FhirRoute(HttpMethods.Post, $"Patient/{{nhsNumber}}/${Filter}", "Patient", filter.HandleAsync)
        {
            OperationName = Filter,
            OperationDefinition = FhirCanonical.OperationDefinition(Filter),
            Documentation = "A Bundle of the patient's record resources in; a Bundle of only those the patient may see out, with no trace of the others.",
        });
    }
}
