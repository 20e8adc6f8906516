using System.Net;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>Patient/{nhs}/$record-access: the answer, who may ask, and that every "not available" looks the same.</summary>
public sealed class RecordAccessOperationTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private static Uri Url(string nhs) => new($"/fhir/Patient/{nhs}/$record-access", UriKind.Relative);

    [Fact]
    public async Task RecordAccess_SwitchedOnAdult_AvailableFromTheSwitchOnDate()
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.GetAsync(Url(FhirPatients.Adult));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"resourceType":"Parameters","parameter":[{"name":"available","valueBoolean":true},{"name":"recordedFrom","valueDate":"2023-10-31"}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RecordAccess_SafeguardingFlagRestrictionAndNotSwitchedOn_AnswerByteForByteTheSame()
    {
        var bodies = new List<string>();
        foreach (var nhs in new[] { FhirPatients.Flagged, FhirPatients.NotYetSwitchedOn, FhirPatients.Restricted })
        {
            using var client = fixture.Patient(nhs);
            using var response = await client.GetAsync(Url(nhs));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync() + response.Content.Headers.ContentType);
        }

        Assert.Single(bodies.Distinct());
        Assert.StartsWith("""{"resourceType":"Parameters","parameter":[{"name":"available","valueBoolean":false}]}""", bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAccess_PostWithEmptyParameters_SameAsGet()
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var get = await client.GetAsync(Url(FhirPatients.Adult));
        using var post = await client.PostAsync(Url(FhirPatients.Adult), Infrastructure.FhirHost.FhirJson("""{"resourceType":"Parameters"}"""));

        Assert.Equal(await get.Content.ReadAsStringAsync(), await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RecordAccess_AnotherPatientsRecord_Returns403()
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.GetAsync(Url(FhirPatients.Flagged));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Fact]
    public async Task RecordAccess_ProofedOnlyToP5_Returns403()
    {
        using var client = fixture.Patient(FhirPatients.Adult, "P5");
        using var response = await client.GetAsync(Url(FhirPatients.Adult));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RecordAccess_StaffToken_Returns403()
    {
        using var client = fixture.Host.CreateFhirClient(fixture.Host.Tokens.MintStaff("u1", FhirPatients.Practice, "R8000", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        using var response = await client.GetAsync(Url(FhirPatients.Adult));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    public async Task RecordAccess_InvalidNhsNumber_Returns400NamingPatientId(string nhs)
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.GetAsync(Url(nhs));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await PatientFhirFixture.ReadJsonAsync(response);
        Assert.Equal("Patient.id", outcome.GetProperty("issue")[0].GetProperty("expression")[0].GetString());
    }

    [Fact]
    public async Task RecordAccess_PatientWithoutRegistration_Returns404()
    {
        using var client = fixture.Patient(FhirPatients.Unknown);
        using var response = await client.GetAsync(Url(FhirPatients.Unknown));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", await PatientFhirFixture.IssueCodeAsync(response));
    }
}
