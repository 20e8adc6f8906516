namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR Coding.</summary>
internal sealed record Coding(string System, string Code, string? Display = null);
