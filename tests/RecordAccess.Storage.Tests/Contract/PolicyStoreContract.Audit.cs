using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task Gate_ConcurrentRequests_EveryDecisionAuditedInGroups()
    {
        await SeedAsync(patients: 2);
        Ok(await Admin.RedactEntryAsync(Because(), Patient(1), "e2"));
        var audit = new AuditGroupCommitter(Store, maxGroup: 16);
        var gate = new PolicyGate(State, audit, Clock);

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => gate.EvaluateAsync("supplier-emis", Patient(1 + (i % 2)), [Entry("e1"), Entry("e2")]))));
        await audit.DisposeAsync();

        Assert.All(answers, a => Assert.False(a.AuditFailed));
        var records = new List<DecisionAuditRecord>();
        await foreach (var r in Store.ReadForPatientAsync(Patient(1)))
        {
            records.Add(r);
        }

        Assert.Equal(50, records.Count);
        var first = records.Single(r => r.DecisionId == answers[0].DecisionId);
        Assert.Equal("supplier-emis", first.Caller);
        Assert.Equal(State.Version, first.StateVersion);
        Assert.Equal(RuleSet.Version, first.RuleSetVersion);
        Assert.Equal([new Decision("e1", ReasonCode.Visible), new Decision("e2", ReasonCode.EntryRedacted)], first.Decisions);
        Assert.Equal(answers[0].Decisions, first.Decisions);
    }

    [Fact]
    public async Task Gate_AuditCannotBeWritten_FailsClosed()
    {
        await SeedAsync(patients: 1);
        await ExecuteSqlAsync("DROP TABLE decision_audit");
        var audit = new AuditGroupCommitter(Store);
        var gate = new PolicyGate(State, audit, Clock);

        var answer = await gate.EvaluateAsync("supplier-emis", Patient(1), [Entry("e1"), Entry("e2")]);
        await audit.DisposeAsync();

        Assert.True(answer.AuditFailed);
        Assert.All(answer.Decisions, d => Assert.Equal(ReasonCode.DecisionUnavailable, d.Reason));
        Assert.Equal(["e1", "e2"], answer.Decisions.Select(d => d.EntryId));
    }

    [Fact]
    public async Task AuditCommitter_StoreFails_RecordAsyncThrowsAuditUnavailable()
    {
        await ExecuteSqlAsync("DROP TABLE decision_audit");
        var audit = new AuditGroupCommitter(Store);
        var record = new DecisionAuditRecord(Guid.NewGuid(), Start, "c", Patient(1), 0, RuleSet.Version, []);

        await Assert.ThrowsAsync<AuditUnavailableException>(() => audit.RecordAsync(record));
        await audit.DisposeAsync();
        await Assert.ThrowsAsync<AuditUnavailableException>(() => audit.RecordAsync(record));
    }

    [Fact]
    public async Task Gate_CallerNeedsNewerStateThanServer_AnswersUnavailableNeverFromOlderState()
    {
        await SeedAsync(patients: 1);
        var other = await OtherServerAsync();
        var restricted = Ok(await other.RestrictPatientAsync(Because("risk of harm"), Patient(1))).Version;
        var audit = new AuditGroupCommitter(Store);
        var gate = new PolicyGate(State, audit, Clock);

        var stale = await gate.EvaluateAsync("supplier", Patient(1), [Entry("e1")], atLeastVersion: restricted);
        await Admin.CatchUpAsync();
        var current = await gate.EvaluateAsync("supplier", Patient(1), [Entry("e1")], atLeastVersion: restricted);
        await audit.DisposeAsync();

        Assert.True(stale.StateBehind);
        Assert.Equal(ReasonCode.DecisionUnavailable, stale.Decisions[0].Reason);
        Assert.False(current.StateBehind);
        Assert.Equal(ReasonCode.RestrictedRiskOfHarm, current.Decisions[0].Reason);
    }

    protected async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await Store.OpenConnectionAsync(CancellationToken.None);
        await using var command = Store.Command(connection, null, sql);
        await command.ExecuteNonQueryAsync();
    }
}
