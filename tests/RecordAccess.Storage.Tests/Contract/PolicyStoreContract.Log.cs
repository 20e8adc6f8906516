using Microsoft.EntityFrameworkCore;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task ReadVersion_EmptyStore_IsZero()
    {
        Assert.Equal(0, await Store.ReadVersionAsync());
        Assert.Empty(await AllEventsAsync());
    }

    [Fact]
    public async Task Append_SeveralWrites_VersionsGapFreeFromOneAndReturned()
    {
        await SeedAsync(patients: 3);

        var events = await AllEventsAsync();
        Assert.Equal(Enumerable.Range(1, 5).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(5, await Store.ReadVersionAsync());
        Assert.Equal(5, State.Version);
    }

    [Fact]
    public async Task Append_EveryChangeKind_RoundTripsWithWhoWhenWhy()
    {
        await SeedAsync(patients: 1);
        var p = Patient(1);
        Ok(await Admin.RecordPatientCodeAsync(Because(), p, "1364731000000104", "2024-01-01"));
        Ok(await Admin.RestrictPatientAsync(Because(), p));
        Ok(await Admin.LiftRestrictionAsync(Because(), p));
        Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), p, "flag-1"));
        Ok(await Admin.ResolveSafeguardingFlagAsync(Because(), p, "flag-1"));
        Ok(await Admin.GrantIndividualAccessAsync(Because(), p, "2024-03-01"));
        Ok(await Admin.RevokeIndividualAccessAsync(Because(), p));
        Ok(await Admin.SetIndividualStartDateAsync(Because(), p, "2024-01-01"));
        Ok(await Admin.RemoveIndividualStartDateAsync(Because(), p));
        Ok(await Admin.GrantHistoricAccessAsync(Because(), p, "2015-01-01"));
        Ok(await Admin.RevokeHistoricAccessAsync(Because(), p));
        Ok(await Admin.RedactEntryAsync(Because(), p, "emis:entry/1"));
        Ok(await Admin.UnredactEntryAsync(Because(), p, "emis:entry/1"));
        Ok(await Admin.ReleaseEntryAsync(Because(), p, "emis:entry/2"));
        Ok(await Admin.WithdrawReleaseAsync(Because(), p, "emis:entry/2"));

        var events = await AllEventsAsync();
        var kinds = events.Select(e => e.Event.Change.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<PolicyChangeKind>().Where(k => k != PolicyChangeKind.None).ToHashSet(), kinds);

        var redacted = events.Single(e => e.Event.Change is EntryRedacted);
        Assert.Equal(new EntryRedacted(p, "emis:entry/1"), redacted.Event.Change);
        Assert.Equal(Staff, redacted.Event.Actor);
        Assert.Equal("clinical safety review", redacted.Event.Reason);
        Assert.Equal(Start, redacted.Event.RecordedAt);
        var settings = events.First(e => e.Event.Change is PracticeSettingsChanged);
        Assert.Equal(new PracticeSettingsChanged(Ods, new DateOnly(2023, 10, 31), false), settings.Event.Change);
        Assert.Equal(new PatientRegistered(p, Ods, new DateOnly(1980, 5, 5), new DateOnly(2010, 1, 1)), events.Single(e => e.Event.Change is PatientRegistered).Event.Change);
    }

    [Fact]
    public async Task Reload_AfterChanges_EqualsLiveState()
    {
        await SeedAsync(patients: 2);
        var p = Patient(1);
        Ok(await Admin.RecordPatientCodeAsync(Because(), p, "1364731000000104", "2024-01-01"));
        Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), p, "flag-1"));
        Ok(await Admin.RedactEntryAsync(Because(), p, "e-1"));
        Ok(await Admin.ReleaseEntryAsync(Because(), p, "e-2"));
        Ok(await Admin.GrantHistoricAccessAsync(Because(), p, "2015-01-01"));

        using var reloaded = await ReloadAsync();

        Assert.Equal(State.Version, reloaded.Version);
        AssertSame(State.FindPatient(p), reloaded.FindPatient(p));
        AssertSame(State.FindPatient(Patient(2)), reloaded.FindPatient(Patient(2)));
        Assert.Equal(State.FindPractice(Ods), reloaded.FindPractice(Ods));
    }

    [Fact]
    public async Task BuildRequest_RedactionInStore_EntryWithheld()
    {
        await SeedAsync(patients: 1);
        var p = Patient(1);
        Ok(await Admin.RedactEntryAsync(Because("third-party information"), p, "doc-1"));

        using var reloaded = await ReloadAsync();
        var request = reloaded.BuildRequest(p, new DateOnly(2024, 10, 15), [Entry("doc-1"), Entry("doc-2")]);
        var decisions = Core.Engine.DecisionEngine.Evaluate(request);

        Assert.Equal(ReasonCode.EntryRedacted, decisions[0].Reason);
        Assert.Equal(ReasonCode.Visible, decisions[1].Reason);
    }

    [Fact]
    public async Task EfModel_EveryTable_ReadsAndWritesThroughMigratedSchema()
    {
        await SeedAsync(patients: 1);
        await using var context = Store.CreateContext();

        var row = await context.Events.AsNoTracking().OrderBy(e => e.Version).FirstAsync();
        Assert.Equal(1, row.Version);
        Assert.Equal(nameof(PolicyChangeKind.PracticeSettingsChanged), row.Kind);
        context.IdempotencyKeys.Add(new Model.IdempotencyRow { Key = "k", Fingerprint = "f", FirstVersion = 1, LastVersion = 1, RecordedAt = Start });
        context.Audit.Add(new Model.AuditRow { DecisionId = Guid.NewGuid().ToString("D"), RecordedAt = Start, Caller = "c", NhsNumber = Patient(1), StateVersion = 1, RuleSetVersion = RuleSet.Version, Decisions = "[]" });
        await context.SaveChangesAsync();

        Assert.Equal(1, await context.IdempotencyKeys.CountAsync());
        Assert.Equal(1, await context.Audit.CountAsync());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    protected static EntryFacts Entry(string id, string recorded = "2024-01-02") => new()
    {
        Id = id,
        RecordedDate = InputDate.Parse(recorded),
        Kind = EntryKind.Consultation,
        Status = EntryStatus.Final,
    };

    private static void AssertSame(PatientView? expected, PatientView? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Ods, actual.Ods);
        Assert.Equal(expected.DateOfBirth, actual.DateOfBirth);
        Assert.Equal(expected.RegistrationDate, actual.RegistrationDate);
        Assert.Equal(expected.Codes, actual.Codes);
        Assert.Equal(expected.Restricted, actual.Restricted);
        Assert.Equal(expected.SafeguardingFlags, actual.SafeguardingFlags);
        Assert.Equal(expected.IndividualGrantDate, actual.IndividualGrantDate);
        Assert.Equal(expected.IndividualStartDate, actual.IndividualStartDate);
        Assert.Equal(expected.HistoricFromDate, actual.HistoricFromDate);
        Assert.Equal(expected.RedactedEntries, actual.RedactedEntries);
        Assert.Equal(expected.ReleasedEntries, actual.ReleasedEntries);
    }
}
