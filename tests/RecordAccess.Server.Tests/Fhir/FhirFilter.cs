using System.Text.Json;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>Calls $filter for a patient and reads what came back.</summary>
internal static class FhirFilter
{
    /// <summary>A collection Bundle of the resources, each entry with the fullUrl R4 requires (the GP system's URL of the resource).</summary>
    public static string Bundle(params string[] resources) =>
        $$"""{"resourceType":"Bundle","type":"collection","entry":[{{string.Join(",", resources.Select((r, i) => $$"""{"fullUrl":"{{FullUrl(r, i)}}","resource":{{r}}}"""))}}]}""";

    /// <summary><c>https://gp.example/fhir/Type/id</c>, or a <c>urn:uuid:</c> by position for a resource without an id.</summary>
    public static string FullUrl(string resource, int position)
    {
        var node = JsonNode.Parse(resource);
        return node?["id"] is JsonValue id && id.TryGetValue<string>(out var text)
            ? $"https://gp.example/fhir/{node["resourceType"]}/{text}"
            : $"urn:uuid:00000000-0000-4000-8000-{position:D12}";
    }

    public static async Task<string> RawAsync(PatientFhirFixture fixture, string nhs, string bundle)
    {
        using var client = fixture.Patient(nhs);
        using var response = await client.PostAsync(new Uri($"/fhir/Patient/{nhs}/$filter", UriKind.Relative), FhirHost.FhirJson(bundle));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        // Every output parses with Firely's strict parser and validates against base R4 (as a strict client reads it).
        FirelyValidation.AssertValid(body);
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
}
