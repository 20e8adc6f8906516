using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Staff writes are checked before anything changes: Firely's strict parser (400 for bytes that are not FHIR R4 JSON,
/// never a 500), then our profiles with Firely.Fhir.Validation (422 listing the validator's issues). Each refusal is
/// an OperationOutcome, and a read of the patient's resources afterwards is byte for byte what it was before.
/// </summary>
public sealed class StaffWriteValidationTests(DemoDataHost host, FhirResponseRecorder responses) : IClassFixture<DemoDataHost>, IClassFixture<FhirResponseRecorder>
{
    private const string ConsentPatient = "9434765935";
    private const string FlagPatient = "9434765919";
    private readonly StaffFhirClient _fhir = new(host, responses);

    [Theory]
    [InlineData("deny-a-grant", "ra-con-3")]
    [InlineData("no-organization", "organization")]
    [InlineData("two-categories", "category")]
    [InlineData("nested-provision", "provision")]
    [InlineData("bad-nhs-number", "ra-con-1")]
    [InlineData("unknown-category-code", "consent-category")]
    public async Task Consent_BreaksTheProfile_Is422WithTheValidatorsIssuesAndChangesNothing(string breakage, string named)
    {
        var consent = StaffFhirClient.NewGrant(ConsentPatient, "2024-03-01");
        switch (breakage)
        {
            case "deny-a-grant": consent["provision"]!["type"] = "deny"; break;
            case "no-organization": consent.Remove("organization"); break;
            case "two-categories": consent["category"]!.AsArray().Add(consent["category"]![0]!.DeepClone()); break;
            case "nested-provision": consent["provision"]!["provision"] = new JsonArray(new JsonObject { ["type"] = "deny" }); break;
            case "bad-nhs-number": consent["patient"]!["identifier"]!["value"] = "9434765936"; consent["patient"]!.AsObject().Remove("reference"); break;
            case "unknown-category-code": consent["category"]![0]!["coding"]![0]!["system"] = "http://snomed.info/sct"; consent["category"]![0]!["coding"]![0]!["code"] = "1364741000000107"; break;
        }

        var (status, outcome) = await WriteAsync(HttpMethod.Post, "/fhir/Consent", consent.ToJsonString(), ConsentPatient, "Consent");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(outcome["issue"]!.AsArray(), i => (string?)i!["severity"] == "error" && i.ToJsonString().Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("other-category", "category")]
    [InlineData("no-period", "period")]
    [InlineData("no-author", "author")]
    [InlineData("unknown-code", "flag-code")]
    public async Task Flag_BreaksTheProfile_Is422WithTheValidatorsIssuesAndChangesNothing(string breakage, string named)
    {
        var flag = NewFlag();
        switch (breakage)
        {
            case "other-category": flag["category"]![0]!["coding"]![0]!["code"] = "admin"; break;
            case "no-period": flag.Remove("period"); break;
            case "no-author": flag.Remove("author"); break;
            case "unknown-code": flag["code"]!["coding"]![0]!["code"] = "vip"; break;
        }

        var (status, outcome) = await WriteAsync(HttpMethod.Post, "/fhir/Flag", flag.ToJsonString(), FlagPatient, "Flag");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(outcome["issue"]!.AsArray(), i => (string?)i!["severity"] == "error" && i.ToJsonString().Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("status-number")]
    [InlineData("patient-array")]
    [InlineData("category-object")]
    [InlineData("reason-number")]
    [InlineData("unknown-element")]
    [InlineData("empty-object")]
    [InlineData("null-status")]
    [InlineData("date-not-a-date")]
    [InlineData("lone-surrogate")]
    [InlineData("invalid-utf8")]
    [InlineData("duplicate-key")]
    [InlineData("array-body")]
    [InlineData("deep-nesting")]
    public async Task Consent_NotFhirJson_Is400OperationOutcomeAndChangesNothing(string breakage)
    {
        var consent = StaffFhirClient.NewGrant(ConsentPatient, "2024-03-01");
        string? text = null;
        byte[]? bytes = null;
        switch (breakage)
        {
            case "status-number": consent["status"] = 5; break;
            case "patient-array": consent["patient"] = new JsonArray(consent["patient"]!.DeepClone()); break;
            case "category-object": consent["category"] = consent["category"]![0]!.DeepClone(); break;
            case "reason-number": consent["extension"]![0]!["valueString"] = 42; break;
            case "unknown-element": consent["revokedBy"] = "someone"; break;
            case "empty-object": consent["scope"] = new JsonObject(); break;
            case "null-status": consent["status"] = null; break;
            case "date-not-a-date": consent["provision"]!["period"]!["start"] = "1st March"; break;
            case "lone-surrogate": text = consent.ToJsonString().Replace("\"valueString\":\"", "\"valueString\":\"\\ud800", StringComparison.Ordinal); break;
            case "invalid-utf8": bytes = [.. Encoding.UTF8.GetBytes(consent.ToJsonString()[..^2]), .. "\"x\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]; break;
            case "duplicate-key": text = consent.ToJsonString().Replace("\"status\":\"active\"", "\"status\":\"active\",\"status\":\"inactive\"", StringComparison.Ordinal); break;
            case "array-body": text = $"[{consent.ToJsonString()}]"; break;
            case "deep-nesting": text = consent.ToJsonString()[..^1] + ",\"x\":" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}"; break;
        }

        var (status, outcome) = bytes is null
            ? await WriteAsync(HttpMethod.Post, "/fhir/Consent", text ?? consent.ToJsonString(), ConsentPatient, "Consent")
            : await WriteBytesAsync(bytes, ConsentPatient);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", (string?)outcome["issue"]![0]!["severity"]);
    }

    [Theory]
    [InlineData("status-number")]
    [InlineData("subject-array")]
    [InlineData("identifier-object")]
    [InlineData("lone-surrogate")]
    public async Task Flag_NotFhirJson_Is400OperationOutcomeAndChangesNothing(string breakage)
    {
        var flag = NewFlag();
        string? text = null;
        switch (breakage)
        {
            case "status-number": flag["status"] = 1; break;
            case "subject-array": flag["subject"] = new JsonArray(flag["subject"]!.DeepClone()); break;
            case "identifier-object": flag["identifier"] = flag["identifier"]![0]!.DeepClone(); break;
            case "lone-surrogate": text = flag.ToJsonString().Replace("\"value\":\"sg-", "\"value\":\"\\udc00sg-", StringComparison.Ordinal); break;
        }

        var (status, _) = await WriteAsync(HttpMethod.Post, "/fhir/Flag", text ?? flag.ToJsonString(), FlagPatient, "Flag");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Consent_StatusChangeBreakingTheProfile_Is422AndChangesNothing()
    {
        var (created, createdBody) = await _fhir.SendAsync(HttpMethod.Post, "/fhir/Consent", StaffFhirClient.NewGrant(FlagPatient, "2024-03-01").ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grant = JsonNode.Parse(createdBody)!.AsObject();
        grant["status"] = "inactive";
        grant.Remove("policy");

        var (status, outcome) = await WriteAsync(HttpMethod.Put, $"/fhir/Consent/{grant["id"]}", grant.ToJsonString(), FlagPatient, "Consent");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("policy", outcome.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>Sends a write and checks it changed nothing: same state version, same search answer for the patient.</summary>
    private async Task<(HttpStatusCode Status, JsonNode Outcome)> WriteAsync(HttpMethod method, string path, string body, string nhs, string type)
    {
        var read = $"/fhir/{type}?patient=Patient/{nhs}";
        var (_, before) = await _fhir.SendAsync(HttpMethod.Get, read);
        var version = _fhir.StateVersion;

        var (response, answer) = await _fhir.SendAsync(method, path, body);

        var (_, after) = await _fhir.SendAsync(HttpMethod.Get, read);
        Assert.Equal(version, _fhir.StateVersion);
        Assert.Equal(before, after);
        var outcome = JsonNode.Parse(answer)!;
        Assert.Equal("OperationOutcome", (string?)outcome["resourceType"]);
        return (response.StatusCode, outcome);
    }

    private async Task<(HttpStatusCode Status, JsonNode Outcome)> WriteBytesAsync(byte[] body, string nhs)
    {
        var read = $"/fhir/Consent?patient=Patient/{nhs}";
        var (_, before) = await _fhir.SendAsync(HttpMethod.Get, read);
        var version = _fhir.StateVersion;
        using var client = host.CreateDefaultClient(new FhirRecordingHandler(responses));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/Consent", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fhir.StaffToken());

        using var response = await client.SendAsync(request);

        var (_, after) = await _fhir.SendAsync(HttpMethod.Get, read);
        Assert.Equal(version, _fhir.StateVersion);
        Assert.Equal(before, after);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static JsonObject NewFlag()
    {
        var flag = StaffFhirClient.Example("Flag-safeguarding.json");
        flag.Remove("id");
        flag.Remove("meta");
        flag["subject"]!["identifier"]!["value"] = FlagPatient;
        flag["subject"]!["reference"] = $"Patient/{FlagPatient}";
        flag["identifier"]![0]!["value"] = $"sg-{Guid.NewGuid():N}";
        return flag;
    }
}
