namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// The patient-facing operations on <c>Patient/{nhsNumber}</c> (NHS login, P9, own record only). Every answer the
/// patient gets is uniform: it says what is visible, never why something is not.
/// </summary>
internal sealed class PatientOperations(RecordAccessOperation recordAccess) : IFhirModule
{
    public const string RecordAccess = "record-access";

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
    }
}
