using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>
/// The compact audit record of a real EvaluateEntries call (issue 14, decision 0108): in shadow mode it carries each
/// entry the staged rule set answered differently with the staged answer (not only a count), the entries as the engine
/// saw them, the evaluation date and the practice; the call is found by the attention query of its practice.
/// </summary>
public sealed class ShadowAuditTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
{
    private const string OnlineAccessCode104 = "1364731000000104";
    private readonly HttpClient _client = host.CreateGrpcClient();

    public async Task InitializeAsync()
    {
        if (host.Runtime.State.PracticeCount == 0)
        {
            await host.SeedPracticesAsync();
        }
    }

    public Task DisposeAsync()
    {
        host.Flags.Set(("FeatureManagement:RuleSet2025", "true"), ("FeatureManagement:RuleSet2025Shadow", "false"));
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EvaluateEntries_InShadow_AuditRecordCarriesTheDifferingEntriesWithTheStagedAnswers()
    {
        var nhs = await host.RegisterAsync(31);
        GateHost.Ok(await host.Runtime.Admin.RedactEntryAsync(GateHost.System, nhs, "e4"));
        host.Flags.Set(("FeatureManagement:RuleSet2025", "false"), ("FeatureManagement:RuleSet2025Shadow", "true"));
        var request = Evaluate(
            nhs,
            Entry("e1"),
            Entry("e2", code: OnlineAccessCode104),
            Entry("e3", parent: "e2"),
            Entry("e4"),
            Entry("e5", kind: Contracts.V1.EntryKind.Diary));

        var shadowed = await _client.EvaluateAsync(request, host.Supplier());
        host.Flags.Set(("FeatureManagement:RuleSet2025", "true"), ("FeatureManagement:RuleSet2025Shadow", "false"));
        var live = await _client.EvaluateAsync(request, host.Supplier());

        // 2024.1 answers; 2025.1 (staged, in shadow) withholds the entry recording a 104 and its child.
        Assert.Equal("e1=Visible e2=Visible e3=Visible e4=EntryRedacted e5=NotFinal", shadowed.Reasons());
        Assert.Equal("e1=Visible e2=AccessControlCode e3=ParentWithheld e4=EntryRedacted e5=NotFinal", live.Reasons());
        var record = await host.Runtime.Store.ReadAsync(DecisionId(shadowed));
        Assert.NotNull(record);
        Assert.Equal(
            [new Decision("e2", ReasonCode.AccessControlCode, RuleSetVersion.V2025_1), new Decision("e3", ReasonCode.ParentWithheld, RuleSetVersion.V2025_1)],
            record.ShadowDifferences);
        Assert.EndsWith(";RuleSet2025.shadowDifferences=2", record.Flags, StringComparison.Ordinal);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], record.Entries!.Select(e => e.Id));
        Assert.Equal(OnlineAccessCode104, record.Entries![1].Code);
        Assert.Equal("e2", record.Entries[2].ParentId);
        Assert.True(record.Entries[3].Redacted, "the entry as the engine saw it: the state's redaction merged in");
        Assert.Equal(Core.Model.EntryKind.Diary, record.Entries[4].Kind);
        Assert.Equal(InputDate.Of(DateOnly.FromDateTime(GateHost.Today.UtcDateTime)), record.EvaluationDate);
        Assert.Equal(GateHost.Ods, record.PracticeOds);
        var liveRecord = await host.Runtime.Store.ReadAsync(DecisionId(live));
        Assert.Null(liveRecord!.ShadowDifferences);

        var attention = new List<DecisionAuditRecord>();
        await foreach (var r in host.Runtime.Store.ReadNeedingAttentionAsync(GateHost.Ods, GateHost.Today.AddHours(-1), GateHost.Today.AddHours(1)))
        {
            attention.Add(r);
        }

        Assert.Contains(attention, r => r.DecisionId == record.DecisionId);
        Assert.DoesNotContain(attention, r => r.DecisionId == liveRecord.DecisionId);
    }

    private static Guid DecisionId(RpcResult result) => Guid.Parse(EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]).DecisionId);
}
