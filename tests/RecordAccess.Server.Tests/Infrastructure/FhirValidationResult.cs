namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The validator's verdict on one input file.</summary>
internal sealed record FhirValidationResult(string Input, bool Valid, IReadOnlyList<FhirValidationIssue> Issues);
