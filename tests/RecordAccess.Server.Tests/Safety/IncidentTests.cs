using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using System.IO.Hashing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Safety;

/// <summary>
/// Incidents over the real gRPC safety service (issue 15): a decision made by a real EvaluateEntries call is named in an
/// incident; the replay stored with it gives the deciding fact (a safeguarding flag raised by a named staff member at a
/// version), today's different answer, and a retry records it once. A tampered audit row is a severe finding (flagged,
/// counted on recordaccess.replay.mismatches). Another practice's patient gets the unknown-patient answer; national
/// scope needs safety.national.
/// </summary>
public sealed class IncidentTests : IAsyncLifetime, IDisposable
{
    private static readonly Core.Policy.Actor DrJones = Core.Policy.Actor.Staff("dr-jones", GateHost.Ods, "R8000");
    private readonly GateHost _host = new();
    private string _nhs = string.Empty;
    private long _flagVersion;

    public async Task InitializeAsync()
    {
        await _host.SeedPracticesAsync();
        _nhs = await _host.RegisterAsync(61);
        GateHost.Ok(await _host.Runtime.Admin.RecordPatientCodeAsync(GateHost.System, _nhs, "1364751000000106", "2024-01-01"));
        var raised = GateHost.Ok(await _host.Runtime.Admin.RaiseSafeguardingFlagAsync(new ChangeContext(DrJones, "disclosure in clinic"), _nhs, "dv-1"));
        _flagVersion = raised.Version;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task RecordIncident_ForARealDecision_StoresTheReplayWithTheDecidingFactAndTodaysAnswer_AndARetryRecordsOnce()
    {
        using var channel = _host.CreateChannel();
        var decisionId = await DecideAsync(channel);
        GateHost.Ok(await _host.Runtime.Admin.ResolveSafeguardingFlagAsync(new ChangeContext(DrJones, "resolved"), _nhs, "dv-1"));
        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        var staff = new Metadata { { "authorization", _host.Staff() } };

        var request = Report(decisionId, "e1");
        request.IdempotencyKey = "incident-key-1";
        var first = await safety.RecordIncidentAsync(request, staff);

        Assert.False(first.Replayed);
        Assert.Equal(_nhs, first.Incident.NhsNumber);
        Assert.Equal(GateHost.Ods, first.Incident.Ods);
        Assert.Contains("staff-1", first.Incident.RecordedBy, StringComparison.Ordinal);
        var replay = Assert.Single(first.Replays);
        Assert.Equal(decisionId, replay.DecisionId);
        Assert.Equal("e1", replay.EntryId);
        Assert.Equal("SafeguardingFlag", replay.AuditedReason);
        Assert.Equal("SafeguardingFlag", replay.ReplayedReason);
        Assert.True(replay.Reproduced);
        Assert.False(replay.Severe);
        Assert.StartsWith("rule 7", replay.DecidingFact, StringComparison.Ordinal);
        Assert.Contains("safeguarding flag", replay.DecidingFact, StringComparison.Ordinal);
        Assert.Contains("dr-jones", replay.FactRecordedBy, StringComparison.Ordinal);
        Assert.Equal((ulong)_flagVersion, replay.FactVersion);
        Assert.NotNull(replay.FactRecordedAt);
        Assert.Equal("Visible", replay.TodayReason);
        Assert.True(replay.WouldDecideDifferentlyToday);

        var retry = await safety.RecordIncidentAsync(request, staff);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Incident.IncidentId, retry.Incident.IncidentId);
        Assert.Equal(first.Replays, retry.Replays);

        var changed = request.Clone();
        changed.Description = "something else";
        var conflict = await Assert.ThrowsAsync<RpcException>(() => safety.RecordIncidentAsync(changed, staff).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, conflict.StatusCode);
        Assert.StartsWith("idempotency_key:", conflict.Status.Detail, StringComparison.Ordinal);

        var listed = await safety.ListIncidentsAsync(Period(GateHost.Ods), staff);
        Assert.Equal(first.Incident.IncidentId, Assert.Single(listed.Incidents).IncidentId);
        var got = await safety.GetIncidentAsync(new GetIncidentRequest { IncidentId = first.Incident.IncidentId }, staff);
        Assert.Equal(first.Replays, got.Replays);

        var report = await safety.GetSafetyReportAsync(Period(GateHost.Ods), staff);
        Assert.Equal(1u, report.Incidents);
        var cell = Assert.Single(report.ByCategoryAndHarm);
        Assert.Equal((IncidentCategory.AbuserReadRecord, HarmLevel.Moderate, IncidentOutcome.Harm, 1u), (cell.Category, cell.Harm, cell.Outcome, cell.Count));
    }

    [Fact]
    public async Task RecordIncident_ReplayOfATamperedAuditRow_IsASevereFindingLoggedCountedStoredAndShown()
    {
        using var channel = _host.CreateChannel();
        var decisionId = await DecideAsync(channel);
        TamperReason(Guid.Parse(decisionId), Core.Model.ReasonCode.Visible);

        long mismatches = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "recordaccess.replay.mismatches")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref mismatches, value));
        listener.Start();

        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        var staff = new Metadata { { "authorization", _host.Staff() } };
        var recorded = await safety.RecordIncidentAsync(Report(decisionId, "e1"), staff);

        var replay = Assert.Single(recorded.Replays);
        Assert.Equal("Visible", replay.AuditedReason);
        Assert.Equal("SafeguardingFlag", replay.ReplayedReason);
        Assert.False(replay.Reproduced);
        Assert.True(replay.Severe);
        Assert.True(Interlocked.Read(ref mismatches) >= 1);

        var stored = await safety.GetIncidentAsync(new GetIncidentRequest { IncidentId = recorded.Incident.IncidentId }, staff);
        Assert.True(Assert.Single(stored.Replays).Severe);
        var report = await safety.GetSafetyReportAsync(Period(GateHost.Ods), staff);
        Assert.Equal(1u, report.ReplayMismatches);
    }

    [Fact]
    public async Task RecordIncident_OtherPracticesPatient_GetsTheUnknownPatientAnswer_AndNothingIsStored()
    {
        var other = await _host.RegisterAsync(62, GateHost.OtherOds);
        using var channel = _host.CreateChannel();
        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        var staff = new Metadata { { "authorization", _host.Staff() } };

        var refusals = new List<string>();
        foreach (var nhs in new[] { other, TestNhs.Make(63) })
        {
            var request = Report(null, null);
            request.NhsNumber = nhs;
            var e = await Assert.ThrowsAsync<RpcException>(() => safety.RecordIncidentAsync(request, staff).ResponseAsync);
            refusals.Add($"{e.StatusCode}|{e.Status.Detail}");
        }

        var refusal = Assert.Single(refusals.Distinct(StringComparer.Ordinal));
        Assert.StartsWith($"{StatusCode.NotFound}|nhs_number: no patient with this NHS number is registered", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("A8100", refusal, StringComparison.Ordinal);
        var national = new Metadata { { "authorization", _host.Supplier("safety-team", "", "safety.national") } };
        Assert.Empty((await safety.ListIncidentsAsync(Period(null), national)).Incidents);
    }

    [Fact]
    public async Task RecordIncident_DecisionOfAnotherPatient_IsInvalidAndNothingIsStored()
    {
        var second = await _host.RegisterAsync(64);
        using var channel = _host.CreateChannel();
        var decisionId = await DecideAsync(channel);
        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        var staff = new Metadata { { "authorization", _host.Staff() } };
        var request = Report(decisionId, null);
        request.NhsNumber = second;

        var e = await Assert.ThrowsAsync<RpcException>(() => safety.RecordIncidentAsync(request, staff).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal($"decision_ids: decision {decisionId} was not audited for this patient", e.Status.Detail);
        var future = Report(null, null);
        future.OccurredAt = Timestamp.FromDateTimeOffset(_host.Clock.GetUtcNow().AddDays(1));
        var late = await Assert.ThrowsAsync<RpcException>(() => safety.RecordIncidentAsync(future, staff).ResponseAsync);
        Assert.Equal("occurred_at: is in the future", late.Status.Detail);
        var unknownEntry = Report(decisionId, "no-such-entry");
        var entry = await Assert.ThrowsAsync<RpcException>(() => safety.RecordIncidentAsync(unknownEntry, staff).ResponseAsync);
        Assert.StartsWith("entry_ids: entry 'no-such-entry' appears in none of", entry.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await safety.ListIncidentsAsync(Period(GateHost.Ods), staff)).Incidents);
    }

    [Fact]
    public async Task NationalScope_WithoutSafetyNational_IsPermissionDenied_AndAnotherPracticeToo()
    {
        using var channel = _host.CreateChannel();
        var safety = new RecordAccessSafety.RecordAccessSafetyClient(channel);
        var staff = new Metadata { { "authorization", _host.Staff() } };
        var supplier = new Metadata { { "authorization", _host.Supplier(scopes: "gate.evaluate gate.admin") } };

        foreach (var headers in new[] { staff, supplier })
        {
            var national = await Assert.ThrowsAsync<RpcException>(() => safety.GetSafetyReportAsync(Period(null), headers).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, national.StatusCode);
            var export = await Assert.ThrowsAsync<RpcException>(() => safety.ExportSafetyReportAsync(new ExportSafetyReportRequest { Period = Period(null), Format = ExportFormat.Csv }, headers).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, export.StatusCode);
            var other = await Assert.ThrowsAsync<RpcException>(() => safety.ListIncidentsAsync(Period(GateHost.OtherOds), headers).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        }

        var team = new Metadata { { "authorization", _host.Supplier("safety-team", "", "safety.national") } };
        Assert.Equal(string.Empty, (await safety.GetSafetyReportAsync(Period(null), team)).Ods);
    }

    private async Task<string> DecideAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        var gate = new RecordAccessGate.RecordAccessGateClient(channel);
        var response = await gate.EvaluateEntriesAsync(Evaluate(_nhs, Entry("e1")), new Metadata { { "authorization", _host.Supplier() } });
        Assert.Equal(Reason.SafeguardingFlag, Assert.Single(response.Decisions).Reason);
        return response.DecisionId;
    }

    private RecordIncidentRequest Report(string? decisionId, string? entryId)
    {
        var request = new RecordIncidentRequest
        {
            NhsNumber = _nhs,
            Category = IncidentCategory.AbuserReadRecord,
            Harm = HarmLevel.Moderate,
            Outcome = IncidentOutcome.Harm,
            Description = "Partner read the consultation note on the patient's phone.",
            OccurredAt = Timestamp.FromDateTimeOffset(_host.Clock.GetUtcNow().AddHours(-1)),
        };
        if (decisionId is not null)
        {
            request.DecisionIds.Add(decisionId);
        }

        if (entryId is not null)
        {
            request.EntryIds.Add(entryId);
        }

        return request;
    }

    private static PeriodRequest Period(string? ods) => new()
    {
        Ods = ods ?? string.Empty,
        From = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    };

    /// <summary>Rewrites the reason byte of the audit row's compact payload (field 12) and its CRC, as someone editing the database would.</summary>
    private void TamperReason(Guid decisionId, Core.Model.ReasonCode reason)
    {
        using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT payload FROM decision_audit WHERE decision_id = $id";
        read.Parameters.AddWithValue("$id", decisionId.ToString("D"));
        var payload = (byte[])read.ExecuteScalar()!;
        const int Header = 9;
        var body = payload.AsSpan(Header).ToArray();
        var input = new CodedInputStream(body);
        uint tag;
        var patched = false;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 12)
            {
                var length = input.ReadLength();
                Assert.Equal(1, length);
                body[(int)input.Position] = (byte)reason;
                patched = true;
                break;
            }

            input.SkipLastField();
        }

        Assert.True(patched);
        body.CopyTo(payload, Header);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(5, 4), Crc32.HashToUInt32(body));
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE decision_audit SET payload = $payload WHERE decision_id = $id";
        write.Parameters.AddWithValue("$payload", payload);
        write.Parameters.AddWithValue("$id", decisionId.ToString("D"));
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}
