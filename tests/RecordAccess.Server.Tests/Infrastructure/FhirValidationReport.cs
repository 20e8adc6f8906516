using System.Text.Json;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>What <c>validate.mjs</c> reported: one result per input file, each with its issues.</summary>
internal sealed record FhirValidationReport(bool Valid, int ExitCode, int ProfileCount, IReadOnlyList<FhirValidationResult> Results)
{
    public IEnumerable<FhirValidationIssue> Errors => Results.SelectMany(r => r.Issues).Where(i => i.Severity == "error");

    public static FhirValidationReport From(JsonElement root, int exitCode) => new(
        root.GetProperty("valid").GetBoolean(),
        exitCode,
        root.GetProperty("profiles").GetInt32(),
        [.. root.GetProperty("results").EnumerateArray().Select(r => new FhirValidationResult(
            r.GetProperty("input").GetString()!,
            r.GetProperty("valid").GetBoolean(),
            [.. r.GetProperty("issues").EnumerateArray().Select(i => new FhirValidationIssue(
                i.GetProperty("severity").GetString()!,
                i.GetProperty("source").GetString()!,
                i.GetProperty("location").GetString()!,
                i.GetProperty("message").GetString()!))]))]);

    public string Describe() => string.Join("\n", Results.SelectMany(r => r.Issues.Select(i => $"{Path.GetFileName(r.Input)}: {i}")));
}
