using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Core.Safety;
using Xunit;

namespace RecordAccess.Core.Tests;

/// <summary>
/// The definitions of decisions 0118 and 0120 case by case (the server tests cause each kind for real over gRPC): which
/// changes undo a batch, what counts as a batch, which hide a lift pairs with, and which way a shadow difference goes.
/// </summary>
public sealed class NearMissRulesTests
{
    private static readonly DateTimeOffset T = new(2024, 10, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Staff = Actor.Staff("s1", "A81001", "R8000");
    private static readonly DateOnly D = new(2024, 10, 1);

    private static RecordedEvent At(long version, double hours, PolicyChange change) => new(version, new PolicyEvent(T.AddHours(hours), Staff, "why", change));

    private static IReadOnlyList<NearMiss> Find(params RecordedEvent[] events) =>
        NearMissLog.Find(events, new NearMissWindows(), T.AddDays(-1), T.AddDays(3), (_, _) => "A81001");

    [Theory]
    [InlineData(NearMissLog.EnhancedReviewIndicated, "code " + NearMissLog.EnhancedReviewNotIndicated + " 2024-10-01", true)]
    [InlineData(NearMissLog.EnhancedReviewIndicated, "code " + NearMissLog.EnhancedReviewNotIndicated + " 2024-09-30", false)] // an older 106 does not override the 104
    [InlineData(NearMissLog.EnhancedReviewIndicated, "grant 2024-10-02", true)]
    [InlineData(NearMissLog.EnhancedReviewIndicated, "grant 2024-10-01", false)] // a grant must be dated strictly after
    [InlineData(NearMissLog.EnhancedReviewNotIndicated, "code " + NearMissLog.EnhancedReviewIndicated + " 2024-10-01", true)]
    [InlineData(NearMissLog.AccessDeclined, "grant 2024-10-02", true)]
    [InlineData(NearMissLog.AccessDeclined, "code " + NearMissLog.EnhancedReviewNotIndicated + " 2024-10-05", false)]
    [InlineData(NearMissLog.EnhancedReviewIndicated, "code " + NearMissLog.EnhancedReviewIndicated + " 2024-10-05", false)] // the same code again undoes nothing
    public void BatchRevertedSoon_WhatUndoesEachCode(string batchCode, string later, bool found)
    {
        var parts = later.Split(' ');
        PolicyChange undo = parts[0] == "grant"
            ? new IndividualGrantGiven("1", DateOnly.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
            : new PatientCodeRecorded("1", parts[1], DateOnly.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));

        var result = Find(At(1, 0, new PatientCodeRecorded("1", batchCode, D)), At(2, 0, new PatientCodeRecorded("2", batchCode, D)), At(3, 3, undo));

        Assert.Equal(found ? [NearMissKind.BatchRevertedSoon] : [], result.Select(m => m.Kind));
    }

    [Fact]
    public void BatchRevertedSoon_OnePatientsCodeOrTwoAppendsOrAnUndoAfterTheWindow_NotABatchRevertedSoon()
    {
        var single = Find(At(1, 0, new PatientCodeRecorded("1", NearMissLog.EnhancedReviewIndicated, D)), At(2, 1, new PatientCodeRecorded("1", NearMissLog.EnhancedReviewNotIndicated, D)));
        var twoAppends = Find(
            At(1, 0, new PatientCodeRecorded("1", NearMissLog.EnhancedReviewIndicated, D)),
            At(2, 0.5, new PatientCodeRecorded("2", NearMissLog.EnhancedReviewIndicated, D)),
            At(3, 1, new PatientCodeRecorded("1", NearMissLog.EnhancedReviewNotIndicated, D)));
        var late = Find(
            At(1, 0, new PatientCodeRecorded("1", NearMissLog.EnhancedReviewIndicated, D)),
            At(2, 0, new PatientCodeRecorded("2", NearMissLog.EnhancedReviewIndicated, D)),
            At(3, 25, new PatientCodeRecorded("1", NearMissLog.EnhancedReviewNotIndicated, D)));

        Assert.Empty(single);
        Assert.Empty(twoAppends);
        Assert.Empty(late);
    }

    [Fact]
    public void HideLiftedSoon_EntryHiddenTwice_TheLiftPairsWithTheFirstHideStillInForce()
    {
        // Hidden at 0, hidden again at 5 (no change), lifted at 9: hidden for 9 h, not 4 h.
        var result = Find(
            At(1, 0, new EntryRedacted("1", "e1")), At(2, 5, new EntryRedacted("1", "e1")), At(3, 9, new EntryUnredacted("1", "e1")),
            At(4, 10, new EntryRedacted("1", "e1")), At(5, 11, new EntryUnredacted("1", "e1")),
            At(6, 12, new SafeguardingFlagRaised("1", "f1")), At(7, 13, new SafeguardingFlagResolved("1", "f2")));

        var found = Assert.Single(result);
        Assert.Equal(T.AddHours(11), found.OccurredAt);
        Assert.Contains("shown again 1 h later", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ShadowDifference_WouldShowAndWouldWithhold_BothNamed_AReasonChangeAloneIsNone()
    {
        var record = new DecisionAuditRecord(Guid.NewGuid(), T, "c", "1", 7, "2024.1",
            [new Decision("a", ReasonCode.EntrySensitive), new Decision("b", ReasonCode.Visible), new Decision("c", ReasonCode.EntryRedacted)])
        {
            ShadowDifferences = [new Decision("a", ReasonCode.Visible), new Decision("b", ReasonCode.AccessControlCode), new Decision("c", ReasonCode.ParentWithheld)],
            PracticeOds = "A81001",
        };
        var reasonOnly = record with { ShadowDifferences = [new Decision("c", ReasonCode.ParentWithheld)] };

        var found = Assert.Single(NearMissAudit.Of(record));
        Assert.Equal((NearMissKind.ShadowDifference, "A81001", (Guid?)record.DecisionId), (found.Kind, found.Ods, found.DecisionId));
        Assert.Contains("would show 1 entries the live rules (2024.1) withheld: a (live EntrySensitive, staged Visible)", found.Detail, StringComparison.Ordinal);
        Assert.Contains("would withhold 1 entries the live rules (2024.1) showed: b (live Visible, staged AccessControlCode)", found.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("c (", found.Detail, StringComparison.Ordinal);
        Assert.Empty(NearMissAudit.Of(reasonOnly));
    }
}
