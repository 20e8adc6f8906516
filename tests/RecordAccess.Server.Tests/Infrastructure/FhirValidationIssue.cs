namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>One issue the validator found: severity (error, warning), which check (fhir.js, structure, profile-invariant…), where, and what.</summary>
internal sealed record FhirValidationIssue(string Severity, string Source, string Location, string Message)
{
    public override string ToString() => $"{Severity} [{Source}] {Location}: {Message}";
}
