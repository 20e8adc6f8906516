using System.Net;
using System.Text.Json.Nodes;
using Hl7.Fhir.Utility;
using CapabilityStatement = Hl7.Fhir.Model.CapabilityStatement;
using SearchParameter = Hl7.Fhir.Model.SearchParameter;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

public sealed class CapabilityStatementFileTests(DemoDataHost host) : IClassFixture<DemoDataHost>
{
    [Fact]
    public async Task Metadata_Served_EqualsTheFileInFhirProfiles()
    {
        var (response, body) = await new StaffFhirClient(host).SendAsync(HttpMethod.Get, "/fhir/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(body)!.AsObject();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FhirValidator.ProfilesDirectory, "CapabilityStatement-recordaccess.json")))!.AsObject();

        // Only where this server is deployed (implementation.url) and the build's version may differ; the file has placeholders.
        served["implementation"]!["url"] = file["implementation"]!["url"]!.DeepClone();
        served["version"] = file["version"]!.DeepClone();
        served["software"]!["version"] = file["software"]!["version"]!.DeepClone();
        file.Remove("id");
        file.Remove("text");

        Assert.True(JsonNode.DeepEquals(file, served), $"GET /fhir/metadata differs from fhir-profiles/CapabilityStatement-recordaccess.json; served:\n{served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })}");
        await FhirValidator.AssertValidAsync(body);
    }

    [Fact]
    public async Task Metadata_EverySearchParameter_HasADefinitionThatResolvesAndMatches()
    {
        var (_, body) = await new StaffFhirClient(host).SendAsync(HttpMethod.Get, "/fhir/metadata");
        var statement = Assert.IsType<CapabilityStatement>(FirelyValidation.Parse(body, out var issues));
        Assert.Empty(issues);
        var referenced = new List<string>();

        foreach (var resource in statement.Rest.Single().Resource)
        {
            foreach (var parameter in resource.SearchParam)
            {
                Assert.False(string.IsNullOrEmpty(parameter.Definition), $"{resource.Type}?{parameter.Name} has no definition");
                var definition = Assert.IsType<SearchParameter>((await FirelyValidation.Resolver.TryResolveByCanonicalUriAsync(parameter.Definition)).Value);
                Assert.Equal(parameter.Name, definition.Code);
                Assert.Equal(parameter.Type, definition.Type);
                Assert.Contains(resource.Type, definition.Base.Select(b => b.GetLiteral()));
                referenced.Add(parameter.Definition);
            }
        }

        // Our own SearchParameters are referenced from the statement, not orphaned.
        foreach (var file in Directory.GetFiles(FhirValidator.ProfilesDirectory, "SearchParameter-*.json"))
        {
            var url = (string?)JsonNode.Parse(await File.ReadAllTextAsync(file))!["url"];
            Assert.Contains(url, referenced);
        }
    }
}
