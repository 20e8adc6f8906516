using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task Audit_FlagSnapshot_ReadBackWithItsRecordAndNullWhenNone()
    {
        var withFlags = new DecisionAuditRecord(Guid.NewGuid(), Start, "supplier:emis", Patient(1), 3, RuleSet.Version,
            [new Decision("e1", ReasonCode.RolloutNotActive)], "NationalPause=on;Gate=on;RuleSet2025=off");
        var withoutFlags = new DecisionAuditRecord(Guid.NewGuid(), Start.AddSeconds(1), "supplier:emis", Patient(1), 3, RuleSet.Version, []);

        await Store.WriteAsync([withFlags, withoutFlags]);

        var read = new List<DecisionAuditRecord>();
        await foreach (var r in Store.ReadForPatientAsync(Patient(1)))
        {
            read.Add(r);
        }

        Assert.Equal("NationalPause=on;Gate=on;RuleSet2025=off", read.Single(r => r.DecisionId == withFlags.DecisionId).Flags);
        Assert.Null(read.Single(r => r.DecisionId == withoutFlags.DecisionId).Flags);
    }

    [Theory]
    [InlineData(StagedRuleMode.Off, ReasonCode.Visible, 0, RuleSet.PreviousVersion, "")]
    [InlineData(StagedRuleMode.Shadow, ReasonCode.Visible, 1, RuleSet.PreviousVersion, ";RuleSet2025.shadowDifferences=1")]
    [InlineData(StagedRuleMode.On, ReasonCode.EnhancedReviewRequired, 0, RuleSet.Version, "")]
    public async Task Gate_FutureDated106_RuleSet2025DecidesOnlyWhenOnAndSnapshotIsAudited(StagedRuleMode mode, ReasonCode expected, int differences, string ruleSet,
        string recordedSuffix)
    {
        // Hazard H12: a 106 dated after the evaluation date lifts an earlier 104 under rule set 2024.1 (D4); under 2025.1 it
        // is not in effect until its date (D11). The admin refuses future-dated codes, so the 106 is written by the admin's
        // clock moved ahead, and the gate decides on a clock of its own still at the start (a FakeTimeProvider never goes back).
        await SeedAsync(patients: 1);
        Ok(await Admin.RecordPatientCodeAsync(Because(), Patient(1), "1364731000000104", "2024-01-01"));
        Clock.SetUtcNow(Start.AddDays(30));
        Ok(await Admin.RecordPatientCodeAsync(Because(), Patient(1), "1364751000000106", "2024-11-01"));
        var gateClock = new FakeTimeProvider(Start);
        var audit = new AuditGroupCommitter(Store);
        var gate = new PolicyGate(State, audit, gateClock);
        var request = State.BuildRequest(Patient(1), UkCalendar.Today(gateClock), [Entry("e1")], nationalPause: false, out var version);
        var snapshot = $"NationalPause=off;Gate=on;RuleSet2025={mode}";

        var answer = await gate.DecideAsync("supplier:emis", request, version, new GateFlags(mode, snapshot));
        await audit.DisposeAsync();

        Assert.Equal(expected, answer.Decisions[0].Reason);
        Assert.Equal(differences, answer.ShadowDifferences);
        Assert.Equal(ruleSet, answer.RuleSetVersion);
        Assert.Equal(ruleSet, answer.Decisions[0].RuleSetVersion);
        var record = await SingleAuditAsync(answer.DecisionId);
        Assert.Equal(snapshot + recordedSuffix, record.Flags);
        Assert.Equal(ruleSet, record.RuleSetVersion);
        Assert.Equal(version, record.StateVersion);
    }

    private async Task<DecisionAuditRecord> SingleAuditAsync(Guid decisionId)
    {
        await foreach (var r in Store.ReadForPatientAsync(Patient(1)))
        {
            if (r.DecisionId == decisionId)
            {
                return r;
            }
        }

        throw new InvalidOperationException($"No audit record {decisionId}.");
    }
}
