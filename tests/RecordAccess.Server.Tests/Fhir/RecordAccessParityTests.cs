using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// <c>$record-access</c> (the patient's token, FHIR) and <c>GetPatientAccess</c> (a supplier's token, gRPC) answer from
/// one computation (decision 0091), over many generated patient states: practices switched on, not yet, opted out;
/// births either side of 16; 103/104/106 codes; historic and individual grants; individual start dates (the admin
/// refuses those after today); restrictions and flags; with the national pause off and on. <c>available</c> is true exactly when
/// GetPatientAccess says access is available and the earlier of its access start and historic dates is on or before
/// today, which is then <c>recordedFrom</c>.
/// </summary>
public sealed class RecordAccessParityTests(ITestOutputHelper output)
{
    private const string Open = "A81001";
    private const string Late = "A81003";
    private const string OptedOut = "A81004";

    [Theory]
    [InlineData(false, 20261206)]
    [InlineData(true, 7)]
    public async Task RecordAccess_GeneratedPatientStates_SameAnswerAsGetPatientAccess(bool nationalPause, int seed)
    {
        await using var host = new FhirHost(new DateOnly(2024, 10, 15)) { NationalPause = nationalPause };
        var today = host.Today;
        var admin = host.Admin;
        await admin.SetPracticeSettingsAsync(FhirHost.Why, Open, "2023-10-31", optedOut: false);
        await admin.SetPracticeSettingsAsync(FhirHost.Why, Late, FhirHost.Date(today.AddDays(30)), optedOut: false);
        await admin.SetPracticeSettingsAsync(FhirHost.Why, OptedOut, "2023-10-31", optedOut: true);

        var random = new Random(seed);
        var supplier = "Bearer " + host.Tokens.MintSupplier("parity", ["gate.evaluate"], [Open, Late, OptedOut], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        using var grpc = host.CreateGrpcClient();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 80; i++)
        {
            var nhs = TestNhs.Make(900 + i);
            await GenerateAsync(host, nhs, random);

            using var patient = host.CreateFhirClient(host.PatientToken(nhs));
            using var fhir = await patient.GetAsync(new Uri($"/fhir/Patient/{nhs}/$record-access", UriKind.Relative));
            var body = await fhir.Content.ReadAsStringAsync();
            Assert.True(fhir.StatusCode == HttpStatusCode.OK, $"{nhs}: {fhir.StatusCode} {body}");
            var parameters = (JsonNode.Parse(body)!["parameter"] as JsonArray)!.ToDictionary(p => (string)p!["name"]!, p => p!);
            var available = (bool)parameters["available"]["valueBoolean"]!;
            var recordedFrom = parameters.TryGetValue("recordedFrom", out var from) ? (string?)from["valueDate"] : null;

            var call = await grpc.CallAsync("/recordaccess.v1.RecordAccessGate/GetPatientAccess", new GetPatientAccessRequest { NhsNumber = nhs }, ("authorization", supplier));
            Assert.True(call.StatusCode == 0, $"{nhs}: {call}");
            var access = GetPatientAccessResponse.Parser.ParseFrom(call.Messages[0]);

            var visibleFrom = Earlier(access.AccessStartDate, access.HistoricFromDate);
            var expected = access.AccessAvailable && visibleFrom is not null && visibleFrom.Value <= today;
            Assert.True(expected == available, $"{nhs}: $record-access {body}; GetPatientAccess {access}");
            Assert.Equal(expected ? FhirHost.Date(visibleFrom!.Value) : null, recordedFrom);
            var historic = available && access.HistoricFromDate.Length > 0 && recordedFrom == access.HistoricFromDate && access.HistoricFromDate != access.AccessStartDate;
            var kind = $"{access.Reason}/{(available ? "available" : "not available")}{(historic ? " from the historic grant" : string.Empty)}";
            seen[kind] = seen.GetValueOrDefault(kind) + 1;
        }

        output.WriteLine(string.Join("\n", seen.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value}")));
        if (nationalPause)
        {
            Assert.Equal(["RolloutNotActive/not available"], seen.Keys);
        }
        else
        {
            // Not vacuous: both answers, several withholding causes, and recordedFrom from either date.
            Assert.Contains("Visible/available", seen.Keys);
            Assert.Contains("Visible/available from the historic grant", seen.Keys);
            Assert.True(seen.Keys.Count(k => k.EndsWith("/not available", StringComparison.Ordinal)) >= 4, string.Join(", ", seen.Keys));
        }

        await host.Responses.AssertAllValidAsync();
    }

    /// <summary>A random patient state, written through the admin service (a write it refuses is simply not part of the state).</summary>
    private static async Task GenerateAsync(FhirHost host, string nhs, Random random)
    {
        var admin = host.Admin;
        var today = host.Today;
        string Past(int maxDays) => FhirHost.Date(today.AddDays(-random.Next(1, maxDays)));
        var ods = random.Next(6) switch { 0 => Late, 1 => OptedOut, _ => Open };
        var born = random.Next(5) == 0 ? today.AddYears(-16).AddDays(random.Next(-3, 4)) : today.AddYears(-random.Next(17, 90));
        var registered = random.Next(3) == 0 ? Past(200) : Past(8000);
        await admin.RegisterPatientAsync(FhirHost.Why, nhs, ods, FhirHost.Date(born), registered);

        if (random.Next(5) == 0)
        {
            await admin.RecordPatientCodeAsync(FhirHost.Why, nhs, random.Next(3) switch { 0 => "1290331000000103", 1 => "1364731000000104", _ => "1364751000000106" }, Past(900));
        }

        if (random.Next(4) == 0)
        {
            await admin.GrantHistoricAccessAsync(FhirHost.Why, nhs, Past(6000));
        }

        if (random.Next(4) == 0)
        {
            await admin.SetIndividualStartDateAsync(FhirHost.Why, nhs, random.Next(2) == 0 ? Past(300) : FhirHost.Date(today.AddDays(random.Next(1, 60))));
        }

        if (random.Next(6) == 0)
        {
            await admin.GrantIndividualAccessAsync(FhirHost.Why, nhs, Past(300));
        }

        if (random.Next(12) == 0)
        {
            await admin.RestrictPatientAsync(FhirHost.Why, nhs);
        }

        if (random.Next(12) == 0)
        {
            await admin.RaiseSafeguardingFlagAsync(FhirHost.Why, nhs, "f1");
        }
    }

    private static DateOnly? Earlier(string start, string historic)
    {
        DateOnly? Parse(string text) => text.Length == 0 ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (s, h) = (Parse(start), Parse(historic));
        return s is null ? null : h is not null && h < s ? h : s;
    }
}
