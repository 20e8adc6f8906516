using System.Data.Common;
using RecordAccess.Core.Safety;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>
/// The incident log (decision 0113) on real SQLite and PostgreSQL: an incident and its replays round-trip; a retry with
/// the same idempotency key and report is stored once (also when two tries race); the same key with another report is a
/// conflict that stores nothing; the database itself refuses to update or delete an incident or a replay.
/// </summary>
public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task Incident_WithReplays_RoundTripsAndListsByPracticeAndPeriod()
    {
        var incident = NewIncident(Ods);
        var replays = new[] { Replay(incident, "e1", reproduced: true), Replay(incident, "e2", reproduced: false) };

        var written = await Store.RecordAsync(incident, replays, null, "fp-1");

        Assert.Equal(IncidentWriteStatus.Recorded, written.Status);
        Assert.True(written.Stored!.Incident.Sequence > 0);
        var read = await Store.ReadIncidentAsync(incident.Id);
        Assert.NotNull(read);
        Assert.Equal(incident with { Sequence = written.Stored.Incident.Sequence, Report = read.Incident.Report }, read.Incident);
        Assert.Equal(incident.Report.DecisionIds, read.Incident.Report.DecisionIds);
        Assert.Equal(incident.Report.EntryIds, read.Incident.Report.EntryIds);
        Assert.Equal(incident.Report.Description, read.Incident.Report.Description);
        Assert.Equal(incident.Report.OccurredAt, read.Incident.Report.OccurredAt);
        Assert.Equal(replays, read.Replays);
        Assert.True(read.Replays[1].IsMismatch);

        await Store.RecordAsync(NewIncident(OtherOds), [], null, "fp-2");
        Assert.Equal([incident.Id], (await Store.ReadIncidentsAsync(Ods, Start.AddDays(-1), Start.AddDays(1))).Select(i => i.Id));
        Assert.Equal(2, (await Store.ReadIncidentsAsync(null, Start.AddDays(-1), Start.AddDays(1))).Count);
        Assert.Empty(await Store.ReadIncidentsAsync(null, Start.AddDays(1), Start.AddDays(2)));
        Assert.Equal(2, (await Store.ReadReplaysAsync([incident.Id])).Count);
    }

    [Fact]
    public async Task Incident_RetryWithTheSameKey_IsStoredOnce_AndAnotherReportUnderTheKeyIsAConflict()
    {
        var first = NewIncident(Ods);
        var recorded = await Store.RecordAsync(first, [Replay(first, "e1", reproduced: true)], "key-1", "fp-1");

        // The retry builds a new incident (new id, new time) for the same report: the first is returned, nothing stored.
        var retry = await Store.RecordAsync(NewIncident(Ods), [], "key-1", "fp-1");
        var conflict = await Store.RecordAsync(NewIncident(Ods), [], "key-1", "fp-other");

        Assert.Equal(IncidentWriteStatus.AlreadyRecorded, retry.Status);
        Assert.Equal(first.Id, retry.Stored!.Incident.Id);
        Assert.Equal(recorded.Stored!.Incident.Sequence, retry.Stored.Incident.Sequence);
        Assert.Single(retry.Stored.Replays);
        Assert.Equal(IncidentWriteStatus.KeyConflict, conflict.Status);
        Assert.Single(await Store.ReadIncidentsAsync(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task Incident_TwoTriesRacingWithOneKey_StoreOneIncident()
    {
        var tries = Enumerable.Range(0, 6).Select(_ => Task.Run(async () => await Store.RecordAsync(NewIncident(Ods), [], "race-key", "fp-race"))).ToList();

        var results = await Task.WhenAll(tries);

        Assert.Single(results, r => r.Status == IncidentWriteStatus.Recorded);
        Assert.Single(results.Select(r => r.Stored!.Incident.Id).Distinct());
        Assert.Single(await Store.ReadIncidentsAsync(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Theory]
    [InlineData("UPDATE incidents SET description = 'changed'")]
    [InlineData("DELETE FROM incidents")]
    [InlineData("UPDATE incident_replays SET reproduced = TRUE")]
    [InlineData("DELETE FROM incident_replays")]
    public async Task Incident_UpdateOrDelete_IsRefusedByTheDatabase(string sql)
    {
        var incident = NewIncident(Ods);
        await Store.RecordAsync(incident, [Replay(incident, "e1", reproduced: false)], null, "fp-1");

        await using var connection = await Store.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        var read = await Store.ReadIncidentAsync(incident.Id);
        Assert.Equal(incident.Report.Description, read!.Incident.Report.Description);
        Assert.False(Assert.Single(read.Replays).Reproduced);
    }

    private static Incident NewIncident(string ods) => new(
        Guid.NewGuid(),
        ods,
        Patient(1),
        new IncidentReport(IncidentCategory.AbuserReadRecord, HarmLevel.Moderate, IncidentOutcome.Harm, "Partner read the note, \"twice\"", Start.AddHours(-3), [Guid.NewGuid()], ["e1", "e2"]),
        Staff,
        Start,
        0);

    private static DecisionReplay Replay(Incident incident, string entryId, bool reproduced) => new(
        incident.Report.DecisionIds[0], entryId, "SafeguardingFlag", reproduced ? "SafeguardingFlag" : "Visible", reproduced, 42, "2025.1",
        "NationalPause=off;Gate=on;RuleSet2025=on", "rule 7 (SafeguardingFlag): active safeguarding flag", Staff.ToString(), Start.AddDays(-2), 40, "Visible", true);
}
