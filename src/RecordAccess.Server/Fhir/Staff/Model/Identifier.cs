namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR Identifier (system and value only).</summary>
internal sealed record Identifier(string System, string Value);
