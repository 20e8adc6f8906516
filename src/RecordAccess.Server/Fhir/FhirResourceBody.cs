using Hl7.Fhir.Model;

namespace RecordAccess.Server.Fhir;

/// <summary>A request body read as a Firely POCO, or the OperationOutcome that explains why it could not be.</summary>
internal sealed record FhirResourceBody<T>(T? Resource, FhirResult? Error)
    where T : Resource;
