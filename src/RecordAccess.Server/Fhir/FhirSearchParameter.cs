namespace RecordAccess.Server.Fhir;

/// <summary>A search parameter a search-type route supports, as the CapabilityStatement lists it.</summary>
internal sealed record FhirSearchParameter(string Name, string Type, string? Documentation = null);
