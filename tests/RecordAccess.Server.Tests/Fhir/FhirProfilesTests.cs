using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>The conformance resources and examples in <c>fhir-profiles/</c>, checked by the independent validator.</summary>
public sealed class FhirProfilesTests
{
    private static readonly string[] Profiles = ["RecordAccessConsent", "RecordAccessFlag", "RecordAccessAuditEvent", "ChangeReason"];

    [Fact]
    public async Task Validate_EveryFileInFhirProfiles_HasNoError()
    {
        var files = Directory.GetFiles(FhirValidator.ProfilesDirectory, "*.json", SearchOption.AllDirectories);

        var report = await FhirValidator.ValidatePathsAsync(FhirValidator.ProfilesDirectory);

        Assert.True(report.Valid, report.Describe());
        Assert.Equal(files.Length, report.Results.Count);
        Assert.Equal(0, report.ExitCode);
        Assert.True(report.ProfileCount >= Profiles.Length, $"only {report.ProfileCount} profiles were loaded");
    }

    [Fact]
    public void Examples_EveryProfile_HasAnExampleThatClaimsIt()
    {
        var examples = Directory.GetFiles(Path.Combine(FhirValidator.ProfilesDirectory, "examples"), "*.json")
            .Select(f => File.ReadAllText(f))
            .ToList();

        foreach (var profile in Profiles)
        {
            Assert.Contains(examples, e => e.Contains($"/StructureDefinition/{profile}\"", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("nhs-number", "profile-invariant")]
    [InlineData("status", "fhir.js")]
    [InlineData("unknown-property", "structure")]
    [InlineData("category", "binding")]
    [InlineData("deny-106", "profile-invariant")]
    [InlineData("unknown-extension", "profile")]
    [InlineData("date", "structure")]
    [InlineData("no-patient", "profile")]
    public async Task Validate_BrokenConsent_IsRejected(string breakage, string expectedSource)
    {
        var consent = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FhirValidator.ProfilesDirectory, "examples", "Consent-access-code-106.json")))!.AsObject();
        switch (breakage)
        {
            case "nhs-number": consent["patient"]!["identifier"]!["value"] = "9434765918"; break;
            case "status": consent["status"] = "revoked"; break;
            case "unknown-property": consent["revoked"] = true; break;
            case "category": consent["category"]![0]!["coding"]![0]!["code"] = "1364741000000107"; break;
            case "deny-106": consent["provision"]!["type"] = "deny"; break;
            case "unknown-extension": consent["extension"]![0]!["url"] = "https://fhir.recordaccess.nhs.uk/StructureDefinition/Reason"; break;
            case "date": consent["dateTime"] = "1 June 2024"; break;
            case "no-patient": consent.Remove("patient"); break;
        }

        var report = await FhirValidator.ValidateAsync([consent.ToJsonString()]);

        Assert.False(report.Valid);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Errors, e => e.Source == expectedSource);
    }

    [Fact]
    public async Task Validate_UnchangedExample_IsAccepted()
    {
        // The control for the test above: the same example, not broken, passes.
        var report = await FhirValidator.ValidateAsync([await File.ReadAllTextAsync(Path.Combine(FhirValidator.ProfilesDirectory, "examples", "Consent-access-code-106.json"))]);

        Assert.True(report.Valid, report.Describe());
    }

    [Fact]
    public async Task Validate_NotJson_IsRejected()
    {
        var report = await FhirValidator.ValidateAsync(["{\"resourceType\": \"Consent\","]);

        Assert.False(report.Valid);
        Assert.Contains(report.Errors, e => e.Source == "json");
    }
}
