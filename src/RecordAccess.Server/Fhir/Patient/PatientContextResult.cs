namespace RecordAccess.Server.Fhir.Patient;

/// <summary>A resolved patient context, or the OperationOutcome that ends the request.</summary>
internal sealed record PatientContextResult(PatientContext? Context, FhirResult? Error);
