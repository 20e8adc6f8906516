namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR Reference: a literal reference and/or a logical one (identifier).</summary>
internal sealed record ResourceReference(string? Reference, Identifier? Identifier, string? Display = null);
