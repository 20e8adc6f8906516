using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Resources;

/// <summary>FHIR R4 OperationOutcome: the body of every FHIR error.</summary>
internal sealed record OperationOutcome(IReadOnlyList<OperationOutcome.IssueComponent> Issue)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "OperationOutcome";

    /// <summary>One issue: severity (fatal, error, warning, information), an IssueType code, what went wrong, and where (FHIRPath).</summary>
    internal sealed record IssueComponent(string Severity, string Code, string Diagnostics, IReadOnlyList<string>? Expression = null);
}
