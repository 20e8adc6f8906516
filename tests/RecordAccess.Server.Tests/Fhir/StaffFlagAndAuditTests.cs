using System.Net;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

public sealed class StaffFlagAndAuditTests(DemoDataHost host, FhirResponseRecorder responses) : IClassFixture<DemoDataHost>, IClassFixture<FhirResponseRecorder>
{
    private readonly StaffFhirClient _fhir = new(host, responses);

    [Fact]
    public async Task Flag_RaiseThenResolve_ChangesStatusAndKeepsTheId()
    {
        var flag = StaffFhirClient.Example("Flag-safeguarding.json");
        flag.Remove("id");
        flag.Remove("meta");
        flag["subject"]!["identifier"]!["value"] = "9434765919";
        flag["subject"]!["reference"] = "Patient/9434765919";

        var (raised, raisedBody) = await _fhir.SendAsync(HttpMethod.Post, "/fhir/Flag", flag.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var resource = JsonNode.Parse(raisedBody)!.AsObject();
        resource["status"] = "inactive";
        var (resolved, resolvedBody) = await _fhir.SendAsync(HttpMethod.Put, $"/fhir/Flag/{resource["id"]}", resource.ToJsonString());
        var (search, searchBody) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/Flag?patient=Patient/9434765919&status=inactive");

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("inactive", JsonNode.Parse(resolvedBody)!["status"]!.GetValue<string>());
        Assert.NotNull(JsonNode.Parse(resolvedBody)!["period"]!["end"]);
        Assert.Contains(JsonNode.Parse(searchBody)!["entry"]!.AsArray(), e => e!["resource"]!["id"]!.ToString() == resource["id"]!.ToString());
        await FhirValidator.AssertValidAsync(raisedBody, resolvedBody, searchBody);
    }

    [Fact]
    public async Task Flag_StaleIfMatch_Is412AndChangesNothing()
    {
        var (_, searchBody) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/Flag?patient=Patient/9434765978&status=active");
        var flag = JsonNode.Parse(searchBody)!["entry"]![0]!["resource"]!.AsObject();
        flag["status"] = "inactive";
        var before = _fhir.StateVersion;

        var (response, body) = await _fhir.SendAsync(HttpMethod.Put, $"/fhir/Flag/{flag["id"]}", flag.ToJsonString(), ifMatch: "W/\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(before, _fhir.StateVersion);
        await FhirValidator.AssertValidAsync(searchBody, body);
    }

    [Fact]
    public async Task AuditEvent_SearchByPatientAndDate_ListsDecisionsAndChanges()
    {
        // A decision audit for the patient: the patient's own $record-access call goes through the audited gate.
        var patientToken = host.Tokens.MintPatient("9434765919", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var (decision, _) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/Patient/9434765919/$record-access", token: patientToken);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (response, body) = await _fhir.SendAsync(HttpMethod.Get, $"/fhir/AuditEvent?patient=Patient/9434765919&date=ge2020-01-01&date=le{today}");
        var (otherPractice, otherBody) = await _fhir.SendAsync(HttpMethod.Get, "/fhir/AuditEvent?patient=Patient/9434765919", token: _fhir.StaffToken("A81002"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var types = JsonNode.Parse(body)!["entry"]!.AsArray().Select(e => e!["resource"]!["type"]!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("decision", types);
        Assert.Contains("policy-change", types);
        Assert.Equal(HttpStatusCode.NotFound, otherPractice.StatusCode);
        await FhirValidator.AssertValidAsync(body, otherBody);
    }
}
