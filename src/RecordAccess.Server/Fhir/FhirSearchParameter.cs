namespace RecordAccess.Server.Fhir;

/// <summary>
/// A search parameter a search-type route supports, as the CapabilityStatement lists it: name, FHIR search param type,
/// the canonical URL of its SearchParameter definition (R4's own, or ours in <c>fhir-profiles/</c>), and documentation.
/// </summary>
internal sealed record FhirSearchParameter(string Name, string Type, string Definition, string? Documentation = null);
