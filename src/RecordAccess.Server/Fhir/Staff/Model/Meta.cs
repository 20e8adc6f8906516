namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR Meta: the version of the log event that last changed the resource, when, and the profile it claims.</summary>
internal sealed record Meta(string? VersionId, string? LastUpdated, IReadOnlyList<string> Profile);
