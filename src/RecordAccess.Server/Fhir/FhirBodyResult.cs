using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir;

/// <summary>A request body read as a resource, or the OperationOutcome that explains why it could not be.</summary>
internal sealed record FhirBodyResult(JsonObject? Resource, FhirResult? Error);
