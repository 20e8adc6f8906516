using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>The recorder behind every patient-facing test class really fails on what the validator rejects.</summary>
public sealed class FhirResponseRecorderTests
{
    [Fact]
    public async Task AssertAllValid_RejectedBodyRecorded_FailsNamingTheCall()
    {
        var recorder = new FhirResponseRecorder();
        recorder.Record("GET /fhir/ok -> 200", """{"resourceType":"Parameters","parameter":[{"name":"available","valueBoolean":false}]}""");
        recorder.Record("POST /fhir/broken -> 200", """{"resourceType":"Parameters","parameter":[{"name":"visible","valueBoolean":"yes"}]}""");
        recorder.Record("GET /fhir/empty -> 500", "");

        var failure = await Assert.ThrowsAnyAsync<Exception>(recorder.AssertAllValidAsync);

        Assert.Contains("rejected 2 of 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("POST /fhir/broken -> 200", failure.Message, StringComparison.Ordinal);
        Assert.Contains("GET /fhir/empty -> 500", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("GET /fhir/ok", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixture_AfterPatientCalls_RecordedEveryDistinctBody()
    {
        var fixture = new PatientFhirFixture();
        await fixture.InitializeAsync();
        using (var client = fixture.Patient(FhirPatients.Adult))
        {
            using var ok = await client.GetAsync(new Uri($"/fhir/Patient/{FhirPatients.Adult}/$record-access", UriKind.Relative));
            using var forbidden = await client.GetAsync(new Uri($"/fhir/Patient/{FhirPatients.Flagged}/$record-access", UriKind.Relative));
            using var again = await client.GetAsync(new Uri($"/fhir/Patient/{FhirPatients.Adult}/$record-access", UriKind.Relative));
        }

        Assert.Equal(2, fixture.Host.Responses.Count);
        await fixture.DisposeAsync();
    }
}
