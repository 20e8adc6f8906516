using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// What the patient operations answer matches their OperationDefinitions in <c>fhir-profiles/</c>: every output
/// parameter and part is declared <c>out</c>, with its declared type, within its cardinality, and every required one
/// is present; <c>$filter</c>'s single <c>return</c> of type Bundle is the body itself.
/// </summary>
public sealed class FhirOperationDefinitionTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private const string Entries = """{"resourceType":"Parameters","parameter":[{"name":"entry","part":[{"name":"id","valueString":"a"},{"name":"recordedDate","valueDate":"2024-01-05"},{"name":"kind","valueCode":"coded"},{"name":"status","valueCode":"final"},{"name":"label","valueCode":"N"},{"name":"parent","valueString":"b"}]},{"name":"entry","part":[{"name":"id","valueString":"b"},{"name":"recordedDate","valueDate":"2020-01-05"},{"name":"kind","valueCode":"document"},{"name":"status","valueCode":"final"}]}]}""";

    [Theory]
    [InlineData(FhirPatients.Adult)]
    [InlineData(FhirPatients.Flagged)]
    public async Task RecordAccess_Answer_ConformsToItsOperationDefinition(string nhs)
    {
        using var client = fixture.Patient(nhs);
        using var response = await client.GetAsync(new Uri($"/fhir/Patient/{nhs}/$record-access", UriKind.Relative));

        AssertConforms(Out("record-access"), JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"] as JsonArray);
    }

    [Fact]
    public async Task EntryVisibility_InputAndAnswer_ConformToItsOperationDefinition()
    {
        AssertConforms(Parameters("entry-visibility", "in"), JsonNode.Parse(Entries)!["parameter"] as JsonArray);
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(new Uri($"/fhir/Patient/{FhirPatients.Adult}/$entry-visibility", UriKind.Relative), FhirHost.FhirJson(Entries));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"] as JsonArray;
        AssertConforms(Out("entry-visibility"), answer);
        Assert.Equal(2, answer!.Count);
    }

    [Fact]
    public async Task Filter_Answer_IsTheDeclaredReturnBundle()
    {
        var definition = Assert.Single(Out("filter"));
        Assert.Equal(("return", "Bundle", "1"), ((string?)definition["name"], (string?)definition["type"], (string?)definition["max"]));

        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle());

        Assert.Equal("Bundle", (string?)JsonNode.Parse(body)!["resourceType"]);
    }

    private static List<JsonNode> Out(string operation) => Parameters(operation, "out");

    private static List<JsonNode> Parameters(string operation, string use)
    {
        var file = Path.Combine(FhirValidator.ProfilesDirectory, $"OperationDefinition-{operation}.json");
        return [.. JsonNode.Parse(File.ReadAllText(file))!["parameter"]!.AsArray().Where(p => (string?)p!["use"] == use).Select(p => p!)];
    }

    /// <summary>Each sent parameter (or part) is declared, typed as declared, and within min..max; each required one is sent.</summary>
    private static void AssertConforms(IEnumerable<JsonNode> declared, JsonArray? sent)
    {
        var items = sent?.Select(p => p!).ToList() ?? [];
        foreach (var item in items)
        {
            var name = (string?)item["name"];
            var definition = declared.SingleOrDefault(d => (string?)d["name"] == name);
            Assert.True(definition is not null, $"parameter '{name}' is not declared");
            if ((string?)definition["type"] is { } type)
            {
                var valueKey = "value" + char.ToUpperInvariant(type[0]) + type[1..];
                Assert.True(item[valueKey] is not null, $"'{name}' should carry {valueKey}: {item.ToJsonString()}");
            }
            else
            {
                AssertConforms(definition["part"]!.AsArray().Select(p => p!), item["part"] as JsonArray);
            }
        }

        foreach (var definition in declared)
        {
            var count = items.Count(i => (string?)i["name"] == (string?)definition["name"]);
            var max = (string?)definition["max"];
            Assert.True(count >= (int)definition["min"]!, $"'{definition["name"]}' appears {count} times, min {definition["min"]}");
            Assert.True(max == "*" || count <= int.Parse(max!, System.Globalization.CultureInfo.InvariantCulture), $"'{definition["name"]}' appears {count} times, max {max}");
        }
    }
}
