using System.Net;
using System.Text.Json.Nodes;
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
}
