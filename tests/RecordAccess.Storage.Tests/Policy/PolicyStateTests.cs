using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Storage.Tests.Policy;

/// <summary>The in-memory projection on its own (no store): the rules the stores rely on.</summary>
public sealed class PolicyStateTests
{
    private static readonly string Nhs = TestNhs.Make(1);
    private static readonly DateOnly Today = new(2024, 10, 15);

    private static RecordedEvent Event(long version, PolicyChange change) =>
        new(version, new PolicyEvent(DateTimeOffset.UnixEpoch.AddDays(version), Actor.System("test"), "why", change));

    private static RecordedEvent[] Registered() =>
    [
        Event(1, new PracticeSettingsChanged("A81001", new DateOnly(2023, 10, 31), false)),
        Event(2, new PatientRegistered(Nhs, "A81001", new DateOnly(1980, 5, 5), new DateOnly(2010, 1, 1))),
    ];

    private static EntryFacts Entry(string id) => new() { Id = id, RecordedDate = InputDate.Of(new DateOnly(2024, 1, 2)), Kind = EntryKind.Consultation, Status = EntryStatus.Final };

    [Fact]
    public void Apply_GapInVersions_ThrowsAndKeepsVersion()
    {
        using var state = new PolicyState();
        state.Apply(Registered());

        var gap = Assert.Throws<InvalidOperationException>(() => state.Apply(Event(4, new PatientRestricted(Nhs))));

        Assert.Contains("gap", gap.Message, StringComparison.Ordinal);
        Assert.Equal(2, state.Version);
        Assert.False(state.FindPatient(Nhs)!.Restricted);
    }

    [Fact]
    public void Apply_AlreadyAppliedVersions_Ignored()
    {
        using var state = new PolicyState();
        state.Apply(Registered());
        state.Apply(Event(3, new EntryRedacted(Nhs, "e1")));

        state.Apply([.. Registered(), Event(3, new EntryRedacted(Nhs, "e1")), Event(4, new EntryRedacted(Nhs, "e2"))]);

        Assert.Equal(4, state.Version);
        Assert.Equal(["e1", "e2"], state.FindPatient(Nhs)!.RedactedEntries);
    }

    [Fact]
    public void BuildRequest_UnknownPatient_EveryEntryDecisionUnavailable()
    {
        using var state = new PolicyState();
        state.Apply(Registered());

        var decisions = DecisionEngine.Evaluate(state.BuildRequest(TestNhs.Make(2), Today, [Entry("e1")]));

        Assert.Equal(ReasonCode.DecisionUnavailable, Assert.Single(decisions).Reason);
    }

    [Fact]
    public void Apply_EventForUnregisteredPatient_KeptAndFailsClosed()
    {
        using var state = new PolicyState();
        state.Apply([Registered()[0], Event(2, new EntryRedacted(Nhs, "e1"))]);

        Assert.Equal(["e1"], state.FindPatient(Nhs)!.RedactedEntries);
        Assert.Equal(ReasonCode.DecisionUnavailable, DecisionEngine.Evaluate(state.BuildRequest(Nhs, Today, [Entry("e1")]))[0].Reason);
    }

    [Fact]
    public void Redactions_AddRemoveManyAndOne_SetSemantics()
    {
        using var state = new PolicyState();
        state.Apply(Registered());
        state.Apply([
            Event(3, new EntryRedacted(Nhs, "b")),
            Event(4, new EntryRedacted(Nhs, "a")),
            Event(5, new EntryRedacted(Nhs, "a")),
            Event(6, new EntryUnredacted(Nhs, "b")),
            Event(7, new EntryReleased(Nhs, "c")),
            Event(8, new EntryReleaseWithdrawn(Nhs, "c")),
        ]);

        Assert.Equal(["a"], state.FindPatient(Nhs)!.RedactedEntries);
        Assert.Empty(state.FindPatient(Nhs)!.ReleasedEntries);
        var request = state.BuildRequest(Nhs, Today, [Entry("a"), Entry("b")]);
        Assert.Equal([true, false], request.Entries.Select(e => e.Redacted));
    }

    [Fact]
    public void Codes_SameFirstCodeForManyPatients_EachPatientKeepsOwnLaterCodes()
    {
        var other = TestNhs.Make(2);
        using var state = new PolicyState();
        state.Apply([
            .. Registered(),
            Event(3, new PatientRegistered(other, "A81001", new DateOnly(1980, 5, 5), new DateOnly(2010, 1, 1))),
            Event(4, new PatientCodeRecorded(Nhs, "1364731000000104", new DateOnly(2024, 1, 1))),
            Event(5, new PatientCodeRecorded(other, "1364731000000104", new DateOnly(2024, 1, 1))),
            Event(6, new PatientCodeRecorded(other, "1364751000000106", new DateOnly(2024, 2, 1))),
        ]);

        Assert.Single(state.FindPatient(Nhs)!.Codes);
        Assert.Equal(2, state.FindPatient(other)!.Codes.Count);
        Assert.Equal(ReasonCode.EnhancedReviewRequired, DecisionEngine.Evaluate(state.BuildRequest(Nhs, Today, [Entry("e")]))[0].Reason);
        Assert.Equal(ReasonCode.Visible, DecisionEngine.Evaluate(state.BuildRequest(other, Today, [Entry("e")]))[0].Reason);
    }
}
