namespace RecordAccess.Server.Fhir.Patient;

/// <summary>Visible or not, per entry in request order (reasons never leave the gate on this surface), or the OperationOutcome (404, 422, 503) to answer instead.</summary>
internal sealed record PatientDecisions(bool[]? Visible, FhirResult? Error);
