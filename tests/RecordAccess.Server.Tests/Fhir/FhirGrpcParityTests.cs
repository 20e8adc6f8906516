using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// FHIR ↔ gRPC parity: for the same patient, entries and state (one host, one clock), <c>$entry-visibility</c> with
/// the patient's token and <c>RecordAccessGate/EvaluateEntries</c> with a supplier's token (raw HTTP/2) answer the same
/// visibility for every entry, over a few hundred generated entries, with the national pause off and on.
/// </summary>
public sealed class FhirGrpcParityTests(PatientFhirFixture fixture, ITestOutputHelper output) : IClassFixture<PatientFhirFixture>
{
    private const string Gate = "/recordaccess.v1.RecordAccessGate/EvaluateEntries";

    [Fact]
    public async Task EntryVisibility_GeneratedRecords_SameVisibilityAsEvaluateEntries()
    {
        var (visible, withheld) = await CompareAsync(fixture.Host, seed: 20241015, records: 80);
        output.WriteLine($"{visible + withheld} entries: {visible} visible, {withheld} withheld, the same on both surfaces");

        // Not vacuous: both answers occur in quantity.
        Assert.True(visible >= 40 && withheld >= 200, $"{visible} visible, {withheld} withheld");
    }

    [Fact]
    public async Task EntryVisibility_NationalPauseOn_SameAsEvaluateEntriesAndNothingVisible()
    {
        var host = new FhirHost(fixture.Host.Today) { NationalPause = true };
        try
        {
            await FhirPatients.SeedAsync(host);
            var (visible, withheld) = await CompareAsync(host, seed: 7, records: 20);

            Assert.Equal(0, visible);
            Assert.True(withheld > 50, $"{withheld} withheld");
            await AssertPausedForPatientAsync(host);
            await host.Responses.AssertAllValidAsync();
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Under the pause: "not available" in the same bytes as a flagged patient's, an empty $filter, the snapshot audited.</summary>
    private static async Task AssertPausedForPatientAsync(FhirHost host)
    {
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nhs in new[] { FhirPatients.Adult, FhirPatients.Flagged })
        {
            using var client = host.CreateFhirClient(host.PatientToken(nhs));
            using var response = await client.GetAsync(new Uri($"/fhir/Patient/{nhs}/$record-access", UriKind.Relative));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal("""{"resourceType":"Parameters","parameter":[{"name":"available","valueBoolean":false}]}""", Assert.Single(bodies));
        using var patient = host.CreateFhirClient(host.PatientToken(FhirPatients.Adult));
        using var filtered = await patient.PostAsync(new Uri($"/fhir/Patient/{FhirPatients.Adult}/$filter", UriKind.Relative), FhirHost.FhirJson(FhirFilter.Bundle("""{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05"}}""")));
        Assert.Equal("""{"resourceType":"Bundle","type":"collection"}""", await filtered.Content.ReadAsStringAsync());

        var audit = new List<string?>();
        await foreach (var record in host.Services.GetRequiredService<PolicyRuntime>().Store.ReadForPatientAsync(FhirPatients.Adult))
        {
            audit.Add(record.Caller.StartsWith("patient", StringComparison.Ordinal) ? record.Flags : null);
        }

        Assert.Contains(audit, f => f is not null);
        Assert.All(audit.OfType<string>(), f => Assert.StartsWith("NationalPause=on;", f, StringComparison.Ordinal));
    }

    private static async Task<(int Visible, int Withheld)> CompareAsync(FhirHost host, int seed, int records)
    {
        var patients = await ParityPatients.SeedAsync(host);
        var random = new Random(seed);
        var supplier = "Bearer " + host.Tokens.MintSupplier("parity-supplier", ["gate.evaluate"], [FhirPatients.Practice, FhirPatients.LatePractice], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        using var grpc = host.CreateGrpcClient();
        var (visible, withheld) = (0, 0);
        for (var r = 0; r < records; r++)
        {
            var nhs = patients[random.Next(patients.Count)];
            var items = ParityRecords.Record(random, $"r{r}", host.Today);
            await ParityPatients.MarkAsync(host, nhs, items, random);

            using var patient = host.CreateFhirClient(host.PatientToken(nhs));
            using var fhir = await patient.PostAsync(new Uri($"/fhir/Patient/{nhs}/$entry-visibility", UriKind.Relative), FhirHost.FhirJson(ParityRecords.Parameters(items)));
            var fhirBody = await fhir.Content.ReadAsStringAsync();
            Assert.True(fhir.StatusCode == HttpStatusCode.OK, $"record {r}: {fhir.StatusCode} {fhirBody}");
            var fhirAnswer = (JsonNode.Parse(fhirBody)!["parameter"] as JsonArray ?? [])
                .Select(p => $"{p!["part"]![0]!["valueString"]}={(bool)p["part"]![1]!["valueBoolean"]!}").ToList();

            var gate = await grpc.CallAsync(Gate, ParityRecords.Request(nhs, items), ("authorization", supplier));
            Assert.True(gate.StatusCode == 0, $"record {r}: {gate}");
            var gateAnswer = EvaluateEntriesResponse.Parser.ParseFrom(gate.Messages[0]).Decisions.Select(d => $"{d.EntryId}={d.Visible}").ToList();

            Assert.Equal(gateAnswer, fhirAnswer);
            visible += gateAnswer.Count(a => a.EndsWith("=True", StringComparison.Ordinal));
            withheld += gateAnswer.Count(a => a.EndsWith("=False", StringComparison.Ordinal));
        }

        return (visible, withheld);
    }
}
