namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>A FHIR extension with a string value (the only kind this server writes).</summary>
internal sealed record Extension(string Url, string ValueString);
