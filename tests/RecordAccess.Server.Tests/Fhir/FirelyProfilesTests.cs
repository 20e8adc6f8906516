using System.Text.Json.Nodes;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using StructureDefinition = Hl7.Fhir.Model.StructureDefinition;
using Hl7.Fhir.Specification.Snapshot;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// <c>fhir-profiles/</c> as Firely sees it: every StructureDefinition's snapshot generates from the R4 base without an
/// error, every file (conformance resources and examples) parses strictly and validates, and the test helper really
/// rejects what breaks R4 or our profiles.
/// </summary>
public sealed class FirelyProfilesTests
{
    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(FhirValidator.ProfilesDirectory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(FhirValidator.ProfilesDirectory, f))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> StructureDefinitions() =>
        [.. Directory.GetFiles(FhirValidator.ProfilesDirectory, "StructureDefinition-*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(StructureDefinitions))]
    public async Task Snapshot_EveryProfile_GeneratesWithoutError(string file)
    {
        var definition = (StructureDefinition)FirelyValidation.Parse(await File.ReadAllTextAsync(Path.Combine(FhirValidator.ProfilesDirectory, file)), out var parseIssues)!;
        Assert.Empty(parseIssues);
        var generator = new SnapshotGenerator(FirelyValidation.Resolver, SnapshotGeneratorSettings.CreateDefault());

        var elements = await generator.GenerateAsync(definition);

        var errors = generator.Outcome?.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).Select(i => $"{i.Details?.Text} at {string.Join(",", i.Location)}").ToList() ?? [];
        Assert.True(errors.Count == 0, $"{file}: snapshot generation failed:\n{string.Join("\n", errors)}");
        Assert.True(elements.Count > 1, $"{file}: the snapshot has {elements.Count} elements");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_EveryFileInFhirProfiles_HasNoError(string file) =>
        FirelyValidation.AssertValid(File.ReadAllText(Path.Combine(FhirValidator.ProfilesDirectory, file)));

    [Theory]
    [InlineData("nhs-number", "ra-con-1")]
    [InlineData("deny-106", "ra-con-3")]
    [InlineData("status", "PVAL")]
    [InlineData("unknown-property", "PVAL128")]
    [InlineData("date", "PVAL124")]
    [InlineData("patient-array", "PVAL127")]
    [InlineData("no-patient", "'patient'")]
    public async Task Validate_BrokenConsent_IsRejected(string breakage, string expected)
    {
        var consent = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FhirValidator.ProfilesDirectory, "examples", "Consent-access-code-106.json")))!.AsObject();
        switch (breakage)
        {
            case "nhs-number": consent["patient"]!["identifier"]!["value"] = "9434765918"; break;
            case "deny-106": consent["provision"]!["type"] = "deny"; break;
            case "status": consent["status"] = 5; break;
            case "unknown-property": consent["revoked"] = true; break;
            case "date": consent["dateTime"] = "1 June 2024"; break;
            case "patient-array": consent["patient"] = new JsonArray(consent["patient"]!.DeepClone()); break;
            case "no-patient": consent.Remove("patient"); break;
        }

        var errors = FirelyValidation.Validate(consent.ToJsonString()).Where(i => i.IsError).ToList();

        Assert.Contains(errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LoneSurrogate_IsAnErrorNotAnException()
    {
        var issues = FirelyValidation.Validate("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","diagnostics":"\ud800"}]}""");

        Assert.Contains(issues, i => i.IsError);
    }
}
