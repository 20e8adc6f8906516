using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>Calls $filter for a patient and reads what came back.</summary>
internal static class FhirFilter
{
    public static string Bundle(params string[] resources) =>
        $$"""{"resourceType":"Bundle","type":"collection","entry":[{{string.Join(",", resources.Select(r => $$"""{"resource":{{r}}}"""))}}]}""";

    public static async Task<string> RawAsync(PatientFhirFixture fixture, string nhs, string bundle)
    {
        using var client = fixture.Patient(nhs);
        using var response = await client.PostAsync(new Uri($"/fhir/Patient/{nhs}/$filter", UriKind.Relative), FhirHost.FhirJson(bundle));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        AssertStrictR4(body);
        return body;
    }

    /// <summary>The "Type/id" of every resource returned, in order.</summary>
    public static async Task<IReadOnlyList<string>> VisibleAsync(PatientFhirFixture fixture, string nhs, string bundle)
    {
        var output = JsonNode.Parse(await RawAsync(fixture, nhs, bundle))!;
        Assert.Equal("collection", (string?)output["type"]);
        return [.. (output["entry"] as JsonArray ?? []).Select(e => $"{e!["resource"]!["resourceType"]}/{e["resource"]!["id"]}")];
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>The output parses with Firely's strict parser (as a strict client reads it), naming every problem.</summary>
    public static void AssertStrictR4(string body)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(body));
        var parsed = StrictParser.TryDeserializeResource(ref reader, out var resource, out var issues);
        Assert.True(parsed && resource is Hl7.Fhir.Model.Bundle, $"$filter output is not valid R4: {string.Join("; ", issues.Select(i => i.Message))}\n{body}");
    }

    private static readonly FhirJsonDeserializer StrictParser = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
}
