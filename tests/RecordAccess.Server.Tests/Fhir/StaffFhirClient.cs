using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Staff FHIR calls through the real pipeline with real signed tokens, and the state version to prove nothing changed.
/// With a <see cref="FhirResponseRecorder"/>, every response body (errors included) is also recorded for the validator.
/// </summary>
internal sealed class StaffFhirClient(ServerHost host, FhirResponseRecorder? responses = null)
{
    public long StateVersion => host.Services.GetRequiredService<PolicyRuntime>().State.Version;

    public string StaffToken(string ods = "A81001") => host.Tokens.MintStaff("555123456789", ods, "R8000", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    public async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpMethod method, string path, string? body = null, string? token = null, string? ifMatch = null)
    {
        using var client = responses is null ? host.CreateClient() : host.CreateDefaultClient(new FhirRecordingHandler(responses));
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? StaffToken());
        request.Headers.Accept.ParseAdd("application/fhir+json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static JsonObject Example(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FhirValidator.ProfilesDirectory, "examples", name)))!.AsObject();

    /// <summary>A new individual grant for a demo patient, as a client would send it (no id, meta or status).</summary>
    public static JsonObject NewGrant(string nhsNumber, string date = "2024-02-01")
    {
        var consent = Example("Consent-individual-grant.json");
        consent.Remove("id");
        consent.Remove("meta");
        consent["patient"]!["identifier"]!["value"] = nhsNumber;
        consent["patient"]!["reference"] = $"Patient/{nhsNumber}";
        consent["provision"]!["period"]!["start"] = date;
        return consent;
    }
}
