using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Safety;

/// <summary>
/// The safety report exports over the real gRPC service (decision 0117): the incident CSV and the summary CSV parse back
/// with a real CSV reader (CsvHelper) to the incidents recorded, quotes, commas and line breaks included; the FHIR
/// Bundle validates with Firely against RecordAccessSafetyIncident, and a broken one does not.
/// </summary>
public sealed class SafetyExportTests : IAsyncLifetime, IDisposable
{
    private const string Awkward = "Said \"I saw it\", then\r\nlogged off; 3, 4";
    private readonly GateHost _host = new();
    private readonly List<IncidentResponse> _recorded = [];

    public async Task InitializeAsync()
    {
        await _host.SeedPracticesAsync();
        var nhs = await _host.RegisterAsync(71);
        using var channel = _host.CreateChannel();
        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        var staff = new Metadata { { "authorization", _host.Staff() } };
        foreach (var (category, harm, outcome, text) in new[]
        {
            (IncidentCategory.AbuserReadRecord, HarmLevel.Severe, IncidentOutcome.Harm, Awkward),
            (IncidentCategory.EntryHiddenInError, HarmLevel.NoHarm, IncidentOutcome.NearMiss, "caught at review"),
            (IncidentCategory.EntryHiddenInError, HarmLevel.NoHarm, IncidentOutcome.NearMiss, "caught again"),
        })
        {
            _recorded.Add(await safety.RecordIncidentAsync(new RecordIncidentRequest
            {
                NhsNumber = nhs, Category = category, Harm = harm, Outcome = outcome, Description = text,
                OccurredAt = Timestamp.FromDateTimeOffset(_host.Clock.GetUtcNow().AddHours(-2)),
            }, staff));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ExportCsv_ParsesBackWithACsvReader_OneRowPerIncident()
    {
        var export = await ExportAsync(ExportFormat.Csv);

        Assert.Equal("text/csv; charset=utf-8", export.ContentType);
        using var csv = new CsvReader(new StringReader(export.Content), CultureInfo.InvariantCulture);
        Assert.True(csv.Read() && csv.ReadHeader());
        Assert.Equal(["incident_id", "sequence", "ods", "nhs_number", "category", "harm", "outcome", "occurred_at", "recorded_at", "recorded_by", "decision_ids", "entry_ids", "description"], csv.HeaderRecord!);
        var rows = new List<(string Id, string Category, string Harm, string Outcome, string Description, string Ods)>();
        while (csv.Read())
        {
            rows.Add((csv.GetField("incident_id")!, csv.GetField("category")!, csv.GetField("harm")!, csv.GetField("outcome")!, csv.GetField("description")!, csv.GetField("ods")!));
        }

        Assert.Equal(_recorded.Select(r => r.Incident.IncidentId), rows.Select(r => r.Id));
        Assert.Equal(("abuser-read-record", "severe", "harm", Awkward, GateHost.Ods), (rows[0].Category, rows[0].Harm, rows[0].Outcome, rows[0].Description, rows[0].Ods));
        Assert.Equal(("entry-hidden-in-error", "no-harm", "near-miss"), (rows[1].Category, rows[1].Harm, rows[1].Outcome));
    }

    [Fact]
    public async Task ExportSummaryCsv_CountsByCategoryHarmAndOutcome()
    {
        var export = await ExportAsync(ExportFormat.CsvSummary);

        using var csv = new CsvReader(new StringReader(export.Content), CultureInfo.InvariantCulture);
        Assert.True(csv.Read() && csv.ReadHeader());
        var counts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            counts[$"{csv.GetField("measure")}|{csv.GetField("category")}|{csv.GetField("harm")}|{csv.GetField("outcome")}|{csv.GetField("near_miss_kind")}"] = csv.GetField("count")!;
        }

        Assert.Equal("1", counts["incidents|abuser-read-record|severe|harm|"]);
        Assert.Equal("2", counts["incidents|entry-hidden-in-error|no-harm|near-miss|"]);
        Assert.Equal("2", counts["incidents_by_outcome|||near-miss|"]);
        Assert.Equal("1", counts["incidents_by_outcome|||harm|"]);
        Assert.Equal("0", counts["replay_mismatches||||"]);
    }

    [Fact]
    public async Task ExportFhir_EveryAuditEventValidatesAgainstTheProfile_AndABrokenOneDoesNot()
    {
        var export = await ExportAsync(ExportFormat.Fhir);

        Assert.Equal("application/fhir+json", export.ContentType);
        var bundle = JsonNode.Parse(export.Content)!.AsObject();
        Assert.Equal("collection", (string?)bundle["type"]);
        var events = bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).ToList();
        Assert.Equal(_recorded.Select(r => $"incident-{r.Incident.IncidentId}"), events.Select(e => (string?)e["id"]));
        FirelyValidation.AssertValid(export.Content);
        FirelyValidation.AssertValid([.. events.Select(e => e.ToJsonString())]);

        var broken = events[0].DeepClone().AsObject();
        broken["entity"]![0]!["detail"]![0]!["valueString"] = "catastrophic";
        Assert.Contains(FirelyValidation.Validate(broken.ToJsonString()), i => i.IsError && i.Message.Contains("ra-inc-2", StringComparison.Ordinal));
        var badCategory = events[0].DeepClone().AsObject();
        badCategory["type"]!["code"] = "not-a-category";
        Assert.Contains(FirelyValidation.Validate(badCategory.ToJsonString()), i => i.IsError);
    }

    private async Task<ExportSafetyReportResponse> ExportAsync(ExportFormat format)
    {
        using var channel = _host.CreateChannel();
        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        return await safety.ExportSafetyReportAsync(
            new ExportSafetyReportRequest
            {
                Format = format,
                Period = new PeriodRequest
                {
                    Ods = GateHost.Ods,
                    From = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                    To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                },
            },
            new Metadata { { "authorization", _host.Staff() } });
    }
}
