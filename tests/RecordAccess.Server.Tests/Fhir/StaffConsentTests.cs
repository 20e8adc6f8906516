using System.Net;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

public sealed class StaffConsentTests(DemoDataHost host, FhirResponseRecorder responses) : IClassFixture<DemoDataHost>, IClassFixture<FhirResponseRecorder>
{
    private readonly StaffFhirClient _fhir = new(host, responses);

    [Fact]
    public async Task Consent_CreateReadSearchRevoke_RoundTripsThroughTheLog()
    {
        var (created, createdBody) = await _fhir.SendAsync(HttpMethod.Post, "/fhir/Consent", StaffFhirClient.NewGrant("9434765927").ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var consent = JsonNode.Parse(createdBody)!;
        var id = consent["id"]!.GetValue<string>();
        Assert.Equal($"consent-{_fhir.StateVersion}", id);
        Assert.Equal($"W/\"{_fhir.StateVersion}\"", created.Headers.ETag!.ToString());
        Assert.EndsWith($"/fhir/Consent/{id}/_history/{_fhir.StateVersion}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var (read, readBody) = await _fhir.SendAsync(HttpMethod.Get, $"/fhir/Consent/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(createdBody, readBody);

        var (search, searchBody) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/Consent?patient=https://fhir.nhs.uk/Id/nhs-number|9434765927");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains(JsonNode.Parse(searchBody)!["entry"]!.AsArray(), e => e!["resource"]!["id"]!.GetValue<string>() == id);

        var revoke = consent.DeepClone().AsObject();
        revoke["status"] = "inactive";
        revoke["extension"]![0]!["valueString"] = "Granted in error";
        var (revoked, revokedBody) = await _fhir.SendAsync(HttpMethod.Put, $"/fhir/Consent/{id}", revoke.ToJsonString(), ifMatch: created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("inactive", JsonNode.Parse(revokedBody)!["status"]!.GetValue<string>());
        Assert.Equal(id, JsonNode.Parse(revokedBody)!["id"]!.GetValue<string>());

        var (deleted, deletedBody) = await _fhir.SendAsync(HttpMethod.Delete, $"/fhir/Consent/{id}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, deleted.StatusCode);

        await FhirValidator.AssertValidAsync(createdBody, searchBody, revokedBody, deletedBody);
    }

    [Fact]
    public async Task Consent_AccessCodeAndGrantSearch_EveryResourceIsValid()
    {
        var (response, body) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/Consent?patient=Patient/9434765943");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, JsonNode.Parse(body)!["total"]!.GetValue<int>());
        await FhirValidator.AssertValidAsync(body);
    }

    [Theory]
    [InlineData("malformed", HttpStatusCode.BadRequest)]
    [InlineData("wrong-type", HttpStatusCode.BadRequest)]
    [InlineData("bad-nhs-number", HttpStatusCode.UnprocessableEntity)]
    [InlineData("bad-snomed-code", HttpStatusCode.UnprocessableEntity)]
    [InlineData("other-practice", HttpStatusCode.NotFound)]
    [InlineData("no-token", HttpStatusCode.Unauthorized)]
    [InlineData("no-reason", HttpStatusCode.UnprocessableEntity)]
    [InlineData("future-date", HttpStatusCode.UnprocessableEntity)]
    [InlineData("unregistered", HttpStatusCode.NotFound)]
    public async Task Consent_CreateRefused_AnswersOperationOutcomeAndChangesNothing(string problem, HttpStatusCode expected)
    {
        var grant = StaffFhirClient.NewGrant("9434765935", "2024-03-01");
        string? token = null;
        switch (problem)
        {
            case "wrong-type": grant["resourceType"] = "Flag"; break;
            case "bad-nhs-number": grant["patient"]!["identifier"]!["value"] = "9434765936"; break;
            case "bad-snomed-code": grant["category"]![0]!["coding"]![0]!["system"] = "http://snomed.info/sct"; grant["category"]![0]!["coding"]![0]!["code"] = "1364741000000107"; break;
            case "other-practice": token = _fhir.StaffToken("A81002"); break;
            case "no-token": token = string.Empty; break;
            case "no-reason": grant.Remove("extension"); break;
            case "future-date": grant["provision"]!["period"]!["start"] = "2999-01-01"; break;
            case "unregistered": grant["patient"]!["identifier"]!["value"] = "9000000009"; break;
        }

        var before = _fhir.StateVersion;
        var (response, body) = await _fhir.SendAsync(HttpMethod.Post, "/fhir/Consent", problem == "malformed" ? "{\"resourceType\": \"Consent\"," : grant.ToJsonString(), token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("OperationOutcome", JsonNode.Parse(body)!["resourceType"]!.GetValue<string>());
        Assert.Equal(before, _fhir.StateVersion);
        await FhirValidator.AssertValidAsync(body);
    }

    [Fact]
    public async Task Consent_WithdrawAccessCode_Is422AndChangesNothing()
    {
        var (_, searchBody) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/Consent?patient=9434765935");
        var code = JsonNode.Parse(searchBody)!["entry"]![0]!["resource"]!.AsObject();
        code["status"] = "inactive";
        var before = _fhir.StateVersion;

        var (response, body) = await _fhir.SendAsync(HttpMethod.Put, $"/fhir/Consent/{code["id"]}", code.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, _fhir.StateVersion);
        await FhirValidator.AssertValidAsync(body);
    }
}
