using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>ExplainEntry through the real host, real signed tokens and raw HTTP/2 gRPC.</summary>
public sealed class ExplainEntryTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
{
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
        _client.Dispose();
        return Task.CompletedTask;
    }

    private string Admin => host.Supplier(scopes: "gate.evaluate gate.admin");

    private static Entry[] MixedRecord() =>
    [
        Entry("child", parent: "letter", kind: EntryKind.Coded),
        Entry("grandchild", parent: "child", kind: EntryKind.Coded),
        Entry("old", recorded: "2020-01-01"),
        Entry("letter", kind: EntryKind.Document),
        Entry("draft", status: EntryStatus.Draft),
        Entry("bad", recorded: "2024-02-30"),
        Entry("missingparent", parent: "nowhere"),
        Entry("ok"),
    ];

    [Fact]
    public async Task ExplainEntry_MixedRecord_EveryDecisionEqualsEvaluateEntries()
    {
        var nhs = await host.RegisterAsync(1);
        GateHost.Ok(await host.Runtime.Admin.RedactEntryAsync(GateHost.System, nhs, "letter"));
        var entries = MixedRecord();
        var evaluated = EvaluateEntriesResponse.Parser.ParseFrom((await _client.EvaluateAsync(Evaluate(nhs, entries), host.Supplier())).Messages[0]);

        foreach (var expected in evaluated.Decisions)
        {
            var response = Parse(await _client.ExplainAsync(Explain(nhs, expected.EntryId, entries), host.Staff()));

            Assert.Equal(expected, response.Decision);
            Assert.Equal([.. Enumerable.Range(0, 12).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)), "11a", "12"], response.Checks.Select(c => c.Name));
            var deciding = response.Checks.FirstOrDefault(c => c.Applies);
            Assert.Equal(expected.Reason, deciding?.Reason ?? Reason.Visible);
            Assert.All(response.Checks, c => Assert.False(string.IsNullOrEmpty(c.Detail)));
            Assert.Equal("2024-10-15", response.EvaluationDate);
            Assert.Equal("2025.1", response.RuleSetVersion);
        }

        Assert.Equal(
            "child=ParentWithheld grandchild=ParentWithheld old=BeforeAccessStart letter=EntryRedacted draft=NotFinal bad=DecisionUnavailable "
            + "missingparent=DecisionUnavailable ok=Visible",
            string.Join(" ", evaluated.Decisions.Select(d => $"{d.EntryId}={d.Reason}")));
    }

    [Fact]
    public async Task ExplainEntry_ParentWithheld_AncestorsUpToTheWithheldOneAndAudited()
    {
        var nhs = await host.RegisterAsync(2);
        GateHost.Ok(await host.Runtime.Admin.RedactEntryAsync(GateHost.System, nhs, "letter"));

        var response = Parse(await _client.ExplainAsync(Explain(nhs, "grandchild", MixedRecord()), Admin));

        Assert.Equal(Reason.ParentWithheld, response.Decision.Reason);
        Assert.False(response.Decision.Visible);
        Assert.Equal(["child", "letter"], response.WithheldAncestors);
        Assert.Equal((ulong)host.Runtime.State.Version, response.StateVersion);
        var audit = Assert.Single(await host.AuditOfAsync(nhs));
        Assert.Equal(Guid.Parse(response.DecisionId), audit.DecisionId);
        Assert.Equal("supplier:emis", audit.Caller);
        Assert.Equal("grandchild=ParentWithheld", string.Join(" ", audit.Decisions.Select(d => $"{d.EntryId}={d.Reason}")));
        Assert.Equal("NationalPause=off;Gate=on;RuleSet2025=on", audit.Flags);
    }

    [Fact]
    public async Task ExplainEntry_WhatIfDate_DecidedAtThatDateAndEchoed()
    {
        var nhs = await host.RegisterAsync(3);
        var entries = new[] { Entry("e1", recorded: "2023-01-02") };
        var request = Explain(nhs, "e1", entries);

        var today = Parse(await _client.ExplainAsync(request, host.Staff()));
        request.EvaluationDate = "2023-06-01";
        var beforeSwitchOn = Parse(await _client.ExplainAsync(request, host.Staff()));

        Assert.Equal((Reason.BeforeAccessStart, "2024-10-15"), (today.Decision.Reason, today.EvaluationDate));
        Assert.Equal((Reason.RolloutNotActive, "2023-06-01"), (beforeSwitchOn.Decision.Reason, beforeSwitchOn.EvaluationDate));
        Assert.Contains("2023-10-31", beforeSwitchOn.Checks.Single(c => c.Rule == 1).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainEntry_NationalPause_RolloutNotActiveAsTheGateAnswers()
    {
        var nhs = await host.RegisterAsync(4);
        host.Flags.Set(("FeatureManagement:NationalPause", "true"));
        try
        {
            var response = Parse(await _client.ExplainAsync(Explain(nhs, "e1", Entry("e1")), host.Staff()));

            Assert.Equal(Reason.RolloutNotActive, response.Decision.Reason);
            Assert.Equal("NationalPause=on;Gate=on;RuleSet2025=on", Assert.Single(await host.AuditOfAsync(nhs)).Flags);
        }
        finally
        {
            host.Flags.Set(("FeatureManagement:NationalPause", "false"));
        }
    }

    [Fact]
    public async Task ExplainEntry_Refusals_StatusNamingTheFieldAndNothingAudited()
    {
        var nhs = await host.RegisterAsync(5);
        var other = await host.RegisterAsync(6, GateHost.OtherOds);
        var request = Explain(nhs, "e1", Entry("e1"));

        (await _client.ExplainAsync(Explain(nhs, "not-sent", Entry("e1")), host.Staff())).AssertStatus(3, "entry_id");
        var badDate = Explain(nhs, "e1", Entry("e1"));
        badDate.EvaluationDate = "15/10/2024";
        (await _client.ExplainAsync(badDate, host.Staff())).AssertStatus(3, "evaluation_date");
        (await _client.ExplainAsync(Explain("9434765918", "e1", Entry("e1")), host.Staff())).AssertStatus(3, "nhs_number");
        (await _client.ExplainAsync(request, null)).AssertStatus(16);
        (await _client.ExplainAsync(request, host.Patient(nhs))).AssertStatus(7);
        (await _client.ExplainAsync(request, host.Supplier(scopes: "gate.evaluate"))).AssertStatus(7, "authorization: the caller may not ask this of any practice without the scope gate.admin.");
        (await _client.ExplainAsync(request, host.Staff(GateHost.OtherOds))).AssertStatus(5, "nhs_number");
        (await _client.ExplainAsync(Explain(other, "e1", Entry("e1")), Admin)).AssertStatus(5, "nhs_number");
        (await _client.ExplainAsync(Explain(TestNhs.Make(7), "e1", Entry("e1")), Admin)).AssertStatus(5, "nhs_number");
        Assert.Empty(await host.AuditOfAsync(nhs));
        Assert.Empty(await host.AuditOfAsync(other));

        Assert.Equal(0, (await _client.ExplainAsync(request, Admin)).StatusCode);
    }

    private static ExplainEntryResponse Parse(RpcResult result)
    {
        Assert.True(result.StatusCode == 0, result.ToString());
        return ExplainEntryResponse.Parser.ParseFrom(result.Messages[0]);
    }
}
