using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task PatientHistory_AsOfDate_AnswersWhyEntryWasVisibleThatDay()
    {
        await SeedAsync(patients: 2);
        var p = Patient(1);
        Clock.SetUtcNow(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Ok(await Admin.RedactEntryAsync(Because("third-party letter"), p, "letter-7"));
        Clock.SetUtcNow(new DateTimeOffset(2025, 3, 5, 9, 0, 0, TimeSpan.Zero));
        Ok(await Admin.UnredactEntryAsync(Because("third party consented"), p, "letter-7"));
        Ok(await Admin.RedactEntryAsync(Because("other patient's entry"), Patient(2), "letter-7"));

        var history = new List<RecordedEvent>();
        await foreach (var e in Store.ReadPatientHistoryAsync(p))
        {
            history.Add(e);
        }

        Assert.All(history, e => Assert.True(e.Event.Change is Core.Policy.Events.PatientChange pc ? pc.NhsNumber == p : true));
        var endOf3March = new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.Zero);
        using var on3March = PolicyState.Replay(history, before: endOf3March);
        using var on6March = PolicyState.Replay(history, before: new DateTimeOffset(2025, 3, 7, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["letter-7"], on3March.FindPatient(p)!.RedactedEntries);
        Assert.Empty(on6March.FindPatient(p)!.RedactedEntries);
        var entry = new EntryFacts { Id = "letter-7", RecordedDate = InputDate.Parse("2025-02-01"), Kind = EntryKind.Document, Status = EntryStatus.Final };
        Assert.Equal(ReasonCode.EntryRedacted, DecisionEngine.Evaluate(on3March.BuildRequest(p, new DateOnly(2025, 3, 3), [entry]))[0].Reason);
        Assert.Equal(ReasonCode.Visible, DecisionEngine.Evaluate(on6March.BuildRequest(p, new DateOnly(2025, 3, 6), [entry]))[0].Reason);
    }

    [Fact]
    public async Task Replay_UpToVersion_RebuildsThatVersion()
    {
        await SeedAsync(patients: 1);
        var p = Patient(1);
        var restricted = Ok(await Admin.RestrictPatientAsync(Because(), p)).Version;
        Ok(await Admin.LiftRestrictionAsync(Because(), p));

        var events = await AllEventsAsync();
        using var atRestriction = PolicyState.Replay(events, upToVersion: restricted, contiguous: true);
        using var before = PolicyState.Replay(events, upToVersion: restricted - 1, contiguous: true);

        Assert.True(atRestriction.FindPatient(p)!.Restricted);
        Assert.False(before.FindPatient(p)!.Restricted);
        Assert.False(State.FindPatient(p)!.Restricted);
        Assert.Equal(restricted, atRestriction.Version);
    }

    [Fact]
    public async Task Move_RegistrationAtAnotherPractice_RedactionsAndFlagsSurvive()
    {
        await SeedAsync(patients: 1);
        var p = Patient(1);
        Ok(await Admin.RedactEntryAsync(Because("third-party"), p, "stable-entry-42"));
        Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), p, "flag-9"));
        var newPracticeStaff = new ChangeContext(Actor.Staff("staff-2", OtherOds, "R8000"), null);
        Ok(await Admin.RegisterPatientAsync(newPracticeStaff, p, OtherOds, "1980-05-05", "2024-06-01"));

        using var reloaded = await ReloadAsync();
        var view = reloaded.FindPatient(p)!;
        Assert.Equal(OtherOds, view.Ods);
        Assert.Equal(["stable-entry-42"], view.RedactedEntries);
        Assert.Equal(["flag-9"], view.SafeguardingFlags);

        var history = new List<RecordedEvent>();
        await foreach (var e in Store.ReadPatientHistoryAsync(p))
        {
            history.Add(e);
        }

        Assert.Contains(history, e => e.Event.Change is Core.Policy.Events.PracticeSettingsChanged s && s.Ods == Ods);
        Assert.Contains(history, e => e.Event.Change is Core.Policy.Events.PracticeSettingsChanged s && s.Ods == OtherOds);
        Assert.Equal(history.Select(e => e.Version).Order(), history.Select(e => e.Version));
    }
}
