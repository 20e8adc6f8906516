using FsCheck.Fluent;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Tests.Audit;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>
/// The compact audit record (issue 14, decision 0108) on both providers: random records read back exactly by id and by
/// patient; a damaged payload is reported, never read as an answer; rows written before the format still read; the
/// attention query per practice and nationally; and a decision replayed from its audit record alone reproduces it.
/// </summary>
public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task Audit_RandomRecords_ReadBackExactlyByIdAndByPatient()
    {
        // Groups of 1-4 random records per commit, as the group committer writes them.
        var groups = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(AuditRecordGenerators.Record, n));
        var checkedRecords = 0;
        foreach (var group in groups.Sample(40, 12))
        {
            await Store.WriteAsync(group);
            foreach (var written in group)
            {
                var byId = await Store.ReadAsync(written.DecisionId);
                Assert.NotNull(byId);
                Assert.Null(AuditRecordGenerators.Difference(written, byId));
                var byPatient = new List<DecisionAuditRecord>();
                await foreach (var r in Store.ReadForPatientAsync(written.NhsNumber))
                {
                    byPatient.Add(r);
                }

                Assert.Null(AuditRecordGenerators.Difference(written, byPatient.Single(r => r.DecisionId == written.DecisionId)));
                checkedRecords++;
            }
        }

        Assert.True(checkedRecords >= 40);
        Assert.Null(await Store.ReadAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Audit_CorruptPayload_ReadReportsItNeverAnAnswer()
    {
        var record = AuditRecord(Guid.NewGuid(), Start, "A81001", ReasonCode.EntryRedacted) with { EvaluationDate = InputDate.Of(new DateOnly(2024, 10, 15)) };
        await Store.WriteAsync([record]);
        var read = await Store.ReadAsync(record.DecisionId);
        Assert.Equal(ReasonCode.EntryRedacted, read!.Decisions[0].Reason);

        // The reason byte of the one decision turned into Visible's: the checksum no longer matches.
        var payload = await PayloadAsync(record.DecisionId);
        var at = Array.LastIndexOf(payload, (byte)ReasonCode.EntryRedacted);
        payload[at] = (byte)ReasonCode.Visible;
        await SetPayloadAsync(record.DecisionId, payload);

        var e = await Assert.ThrowsAsync<AuditRecordCorruptException>(() => Store.ReadAsync(record.DecisionId));
        Assert.Equal(record.DecisionId, e.DecisionId);
        await Assert.ThrowsAsync<AuditRecordCorruptException>(async () =>
        {
            await foreach (var r in Store.ReadForPatientAsync(record.NhsNumber))
            {
                Assert.Fail($"read {r.Decisions[0].Reason} from a corrupt payload");
            }
        });

        await SetPayloadAsync(record.DecisionId, payload[..^3]);
        await Assert.ThrowsAsync<AuditRecordCorruptException>(() => Store.ReadAsync(record.DecisionId));
    }

    [Fact]
    public async Task Audit_JsonRowWrittenBeforeTheCompactFormat_ReadsItsAnswers()
    {
        var id = Guid.NewGuid();
        await ExecuteSqlAsync(
            "INSERT INTO decision_audit (decision_id, recorded_at, caller, nhs_number, state_version, rule_set_version, decisions, flags) VALUES ('"
            + id.ToString("D") + "', '2024-10-15 12:00:00+00:00', 'supplier-emis', '" + Patient(1) + "', 4, '" + RuleSet.Version + "', "
            + "'[{\"entryId\":\"e1\",\"reason\":\"Visible\"},{\"entryId\":\"e2\",\"reason\":\"EntryRedacted\"},{\"entryId\":\"e3\",\"reason\":\"SomethingNew\"}]', 'Gate=on')");

        var byId = await Store.ReadAsync(id);
        var byPatient = new List<DecisionAuditRecord>();
        await foreach (var r in Store.ReadForPatientAsync(Patient(1)))
        {
            byPatient.Add(r);
        }

        Assert.NotNull(byId);
        Assert.Equal(
            [new Decision("e1", ReasonCode.Visible), new Decision("e2", ReasonCode.EntryRedacted), new Decision("e3", ReasonCode.DecisionUnavailable)],
            byId.Decisions);
        Assert.Equal(Start, byId.RecordedAt);
        Assert.Equal(4, byId.StateVersion);
        Assert.Equal("Gate=on", byId.Flags);
        Assert.Null(byId.Entries);
        Assert.Null(byId.EvaluationDate);
        Assert.Null(byId.ShadowDifferences);
        Assert.Null(byId.PracticeOds);
        Assert.Equal(byId.Decisions, byPatient.Single().Decisions);
    }

    [Fact]
    public async Task Audit_NeedingAttention_PerPracticeAndNationalInTimeOrderWithinTheRange()
    {
        var unavailableHere = AuditRecord(Guid.NewGuid(), Start.AddMinutes(2), Ods, ReasonCode.DecisionUnavailable);
        var shadowHere = AuditRecord(Guid.NewGuid(), Start.AddMinutes(1), Ods, ReasonCode.Visible) with
        {
            ShadowDifferences = [new Decision("e1", ReasonCode.AccessControlCode)],
        };
        var shadowWithoutDifference = AuditRecord(Guid.NewGuid(), Start.AddMinutes(3), Ods, ReasonCode.Visible) with { ShadowDifferences = [] };
        var fine = AuditRecord(Guid.NewGuid(), Start.AddMinutes(4), Ods, ReasonCode.EntryRedacted);
        var elsewhere = AuditRecord(Guid.NewGuid(), Start.AddMinutes(5), OtherOds, ReasonCode.DecisionUnavailable);
        var unregistered = AuditRecord(Guid.NewGuid(), Start.AddMinutes(6), null, ReasonCode.DecisionUnavailable);
        var tooEarly = AuditRecord(Guid.NewGuid(), Start.AddTicks(-10), Ods, ReasonCode.DecisionUnavailable);
        var atTheEnd = AuditRecord(Guid.NewGuid(), Start.AddHours(1), Ods, ReasonCode.DecisionUnavailable);
        var inAnotherZone = AuditRecord(Guid.NewGuid(), Start.AddMinutes(30).ToOffset(TimeSpan.FromHours(-5)), Ods, ReasonCode.DecisionUnavailable);
        await Store.WriteAsync([unavailableHere, shadowHere, shadowWithoutDifference, fine]);
        await Store.WriteAsync([elsewhere, unregistered, tooEarly, atTheEnd, inAnotherZone]);

        var here = await AttentionAsync(Ods, Start, Start.AddHours(1));
        var national = await AttentionAsync(null, Start, Start.AddHours(1));
        var other = await AttentionAsync(OtherOds, Start.ToOffset(TimeSpan.FromHours(2)), Start.AddHours(1));

        Assert.Equal([shadowHere.DecisionId, unavailableHere.DecisionId, inAnotherZone.DecisionId], here.Select(r => r.DecisionId));
        Assert.Equal(
            [shadowHere.DecisionId, unavailableHere.DecisionId, elsewhere.DecisionId, unregistered.DecisionId, inAnotherZone.DecisionId],
            national.Select(r => r.DecisionId));
        Assert.Equal([elsewhere.DecisionId], other.Select(r => r.DecisionId));
        Assert.Equal([new Decision("e1", ReasonCode.AccessControlCode)], here[0].ShadowDifferences);
        Assert.All(national, r => Assert.True(r.NeedsAttention));
        Assert.Empty(await AttentionAsync("Z99999", Start, Start.AddHours(1)));
    }

    [Fact]
    public async Task Gate_ReplayFromAuditAlone_ReproducesEveryAnswerAtTheRecordedStateVersion()
    {
        // The state changes between the requests; each record is replayed from its own facts, at its own state version,
        // with its own rule set (PolicyGate.EvaluateAsync, DecideAsync off/shadow/on, ExplainAsync).
        await SeedAsync(patients: 2);
        var p = Patient(1);
        var audit = new AuditGroupCommitter(Store);
        var gate = new PolicyGate(State, audit, Clock);
        EntryFacts[] entries =
        [
            Entry("e1"), Entry("e2") with { Labels = ["NOPAT"] }, Entry("e3") with { ParentId = "e2" }, Entry("e4", "2024-12-01"),
            Entry("e5") with { Code = "1364731000000104" }, Entry("e6") with { Kind = EntryKind.Diary }, Entry("e7", "not-a-date"),
        ];
        var answers = new List<Guid>();
        answers.Add((await gate.EvaluateAsync("supplier", p, entries)).DecisionId);
        Ok(await Admin.RedactEntryAsync(Because("third party"), p, "e1"));
        Ok(await Admin.ReleaseEntryAsync(Because("clinician reviewed"), p, "e2"));
        answers.Add((await gate.EvaluateAsync("supplier", p, entries)).DecisionId);
        foreach (var mode in new[] { StagedRuleMode.Off, StagedRuleMode.Shadow, StagedRuleMode.On })
        {
            var request = State.BuildRequest(p, UkCalendar.Today(Clock), entries, nationalPause: false, out var version);
            answers.Add((await gate.DecideAsync("supplier", request, version, new GateFlags(mode, $"Gate=on;RuleSet2025={mode}"))).DecisionId);
        }

        Ok(await Admin.RestrictPatientAsync(Because("risk of harm"), p));
        var explained = State.BuildRequest(p, UkCalendar.Today(Clock), entries, nationalPause: false, out var explainedAt);
        answers.Add((await gate.ExplainAsync("staff-1", explained, explainedAt, GateFlags.None, "e3"))!.DecisionId);
        answers.Add((await gate.EvaluateAsync("supplier", Patient(2), [Entry("f1", "2022-06-01")], evaluationDate: new DateOnly(2023, 1, 1))).DecisionId);
        await audit.DisposeAsync();

        var events = await AllEventsAsync();
        var reasons = new HashSet<ReasonCode>();
        foreach (var id in answers)
        {
            var record = await Store.ReadAsync(id);
            Assert.NotNull(record?.Entries);
            Assert.Equal(Ods, record.PracticeOds);
            using var then = PolicyState.Replay(events, upToVersion: record.StateVersion, contiguous: true);
            var facts = then.BuildRequest(record.NhsNumber, record.EvaluationDate!.Value.Value, [], nationalPause: false);
            var ruleSet = record.RuleSetVersion == RuleSet.Version ? RuleSetVersion.V2025_1 : RuleSetVersion.V2024_1;
            var replay = DecisionEngine.Evaluate(facts with { Entries = record.Entries, RuleSet = ruleSet });
            var audited = record.Decisions.ToDictionary(d => d.EntryId);
            Assert.All(audited.Values, d => Assert.Equal(d, replay.Single(r => r.EntryId == d.EntryId)));
            if (record.ShadowDifferences is { } shadow)
            {
                var staged = DecisionEngine.Evaluate(facts with { Entries = record.Entries, RuleSet = RuleSetVersion.V2025_1 });
                Assert.Equal(staged.Where((d, i) => d.Reason != replay[i].Reason), shadow);
                Assert.NotEmpty(shadow);
            }

            reasons.UnionWith(record.Decisions.Select(d => d.Reason));
        }

        // The replay had something to reproduce: the answers span the rules the state changes and the entries exercise.
        Assert.Superset(
            new HashSet<ReasonCode>
            {
                ReasonCode.Visible, ReasonCode.EntryRedacted, ReasonCode.EntrySensitive, ReasonCode.ParentWithheld, ReasonCode.NotFinal,
                ReasonCode.AccessControlCode, ReasonCode.RestrictedRiskOfHarm, ReasonCode.DecisionUnavailable, ReasonCode.RolloutNotActive,
            },
            reasons);
    }

    private static DecisionAuditRecord AuditRecord(Guid id, DateTimeOffset at, string? ods, ReasonCode reason) =>
        new(id, at, "supplier-emis", Patient(1), 3, RuleSet.Version, [new Decision("e1", reason), new Decision("e2", ReasonCode.Visible)], "Gate=on")
        {
            Entries = [Entry("e1"), Entry("e2")],
            EvaluationDate = InputDate.Of(new DateOnly(2024, 10, 15)),
            PracticeOds = ods,
        };

    private async Task<List<DecisionAuditRecord>> AttentionAsync(string? ods, DateTimeOffset from, DateTimeOffset to)
    {
        var records = new List<DecisionAuditRecord>();
        await foreach (var r in Store.ReadNeedingAttentionAsync(ods, from, to))
        {
            records.Add(r);
        }

        return records;
    }

    private async Task<byte[]> PayloadAsync(Guid decisionId)
    {
        await using var connection = await Store.OpenConnectionAsync(CancellationToken.None);
        await using var command = Store.Command(connection, null, "SELECT payload FROM decision_audit WHERE decision_id = @id", ("@id", decisionId.ToString("D")));
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    private async Task SetPayloadAsync(Guid decisionId, byte[] payload)
    {
        await using var connection = await Store.OpenConnectionAsync(CancellationToken.None);
        await using var command = Store.Command(connection, null, "UPDATE decision_audit SET payload = @payload WHERE decision_id = @id", ("@payload", payload), ("@id", decisionId.ToString("D")));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
