namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR Period.</summary>
internal sealed record Period(string? Start, string? End = null);
