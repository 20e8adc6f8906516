using System.Net;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// <c>$entry-visibility</c> input is as strict as its OperationDefinition (every required part present, no part
/// beyond its max, each with its declared value type) and as lenient as FHIR (parameters and parts may carry
/// <c>id</c> and <c>extension</c>). The rules are read from <c>fhir-profiles/OperationDefinition-entry-visibility.json</c>.
/// </summary>
public sealed class EntryVisibilityInputTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private static readonly Uri Operation = new($"/fhir/Patient/{FhirPatients.Adult}/$entry-visibility", UriKind.Relative);

    public static TheoryData<string> RequiredParts() => [.. InParts().Where(p => (int)p["min"]! == 1).Select(p => (string)p["name"]!)];

    public static TheoryData<string> SingleParts() => [.. InParts().Where(p => (string?)p["max"] == "1").Select(p => (string)p["name"]!)];

    [Theory]
    [MemberData(nameof(RequiredParts))]
    public async Task EntryVisibility_RequiredPartMissing_Returns400NamingIt(string name)
    {
        var body = Entries();
        var parts = body["parameter"]![0]!["part"]!.AsArray();
        parts.Remove(parts.Single(p => (string?)p!["name"] == name));

        var (status, outcome) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"'{name}'", (string?)outcome["issue"]![0]!["diagnostics"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SingleParts))]
    public async Task EntryVisibility_SinglePartTwice_Returns400(string name)
    {
        var body = Entries();
        var parts = body["parameter"]![1]!["part"]!.AsArray();
        parts.Add(parts.Single(p => (string?)p!["name"] == name)!.DeepClone());

        var (status, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("recordedDate", "valueString", "2024-01-05")]
    [InlineData("id", "valueCode", "a")]
    [InlineData("kind", "valueInteger", null)]
    [InlineData("kind", "valueCode", null)]
    public async Task EntryVisibility_PartWithWrongOrNoValue_Returns400(string name, string valueType, string? value)
    {
        var body = Entries();
        var part = body["parameter"]![0]!["part"]!.AsArray().Single(p => (string?)p!["name"] == name)!.AsObject();
        part.Remove(part.Single(p => p.Key.StartsWith("value", StringComparison.Ordinal)).Key);
        if (valueType == "valueInteger")
        {
            part[valueType] = 3;
        }
        else if (value is not null)
        {
            part[valueType] = value;
        }
        else
        {
            part["_" + valueType] = new JsonObject { ["extension"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/no-value", ["valueString"] = "none" }) };
        }

        var (status, outcome) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
    }

    [Fact]
    public async Task EntryVisibility_IdsAndExtensionsOnParametersAndParts_AnswersAsWithout()
    {
        var plain = await PostAsync(Entries());
        var decorated = Entries();
        decorated["id"] = "request-1";
        decorated["meta"] = new JsonObject { ["tag"] = new JsonArray(new JsonObject { ["system"] = "https://example.org/tags", ["code"] = "test" }) };
        foreach (var parameter in decorated["parameter"]!.AsArray())
        {
            parameter!["id"] = "p-" + (string?)parameter["part"]![0]!["valueString"];
            parameter["extension"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/source", ["valueString"] = "GP system" });
            foreach (var part in parameter["part"]!.AsArray())
            {
                part!["id"] = "part-" + (string?)part["name"];
                part["extension"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/note", ["valueString"] = "n" });
            }
        }

        var answer = await PostAsync(decorated);

        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(plain.Body.ToJsonString(), answer.Body.ToJsonString());
    }

    [Theory]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"entry","valueString":"a"}]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"item","part":[{"name":"id","valueString":"a"}]}]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"entry","part":[{"name":"colour","valueString":"red"}]}]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":{"name":"entry"}}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"entry","part":[{"name":"id","valueString":"a"}]}],"colour":"red"}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[[{"name":"entry"}]]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"entry","part":{"name":"id","valueString":"a"}}]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"entry","part":[{"name":"id","valueString":"\ud800"},{"name":"recordedDate","valueDate":"2024-01-05"},{"name":"kind","valueCode":"coded"},{"name":"status","valueCode":"final"}]}]}""")]
    [InlineData("""{"resourceType":"Parameters","parameter":[{"name":"entry","part":[{"name":"id","valueString":"a"},{"name":"recordedDate","valueDate":20240105},{"name":"kind","valueCode":"coded"},{"name":"status","valueCode":"final"}]}]}""")]
    [InlineData("""{"resourceType":"Parameters"}""")]
    public async Task EntryVisibility_ShapeNotInTheDefinition_Returns400(string json)
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(Operation, FhirHost.FhirJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("OperationOutcome", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["resourceType"]);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(JsonObject body)
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(Operation, FhirHost.FhirJson(body.ToJsonString()));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static JsonObject Entries() => new()
    {
        ["resourceType"] = "Parameters",
        ["parameter"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "entry",
                ["part"] = new JsonArray(Part("id", "valueString", "a"), Part("recordedDate", "valueDate", "2024-01-05"), Part("kind", "valueCode", "coded"), Part("status", "valueCode", "final"), Part("label", "valueCode", "N")),
            },
            new JsonObject
            {
                ["name"] = "entry",
                ["part"] = new JsonArray(Part("id", "valueString", "b"), Part("recordedDate", "valueDate", "2020-01-05"), Part("kind", "valueCode", "document"), Part("status", "valueCode", "final"), Part("parent", "valueString", "a"), Part("code", "valueCode", "1290331000000103")),
            }),
    };

    private static JsonObject Part(string name, string type, string value) => new() { ["name"] = name, [type] = value };

    private static IEnumerable<JsonNode> InParts() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FhirValidator.ProfilesDirectory, "OperationDefinition-entry-visibility.json")))!["parameter"]!.AsArray()
            .Single(p => (string?)p!["use"] == "in")!["part"]!.AsArray().Select(p => p!);
}
