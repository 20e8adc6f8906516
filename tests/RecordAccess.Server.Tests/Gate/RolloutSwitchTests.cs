using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>Rollout switches changed in configuration while the host runs (no restart), each call's snapshot audited.</summary>
public sealed class RolloutSwitchTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
{
    private const string Targeting = "FeatureManagement:Gate:EnabledFor:0:";
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
        host.Flags.Set(("FeatureManagement:NationalPause", "false"), (Targeting + "Parameters:Audience:DefaultRolloutPercentage", "100"),
            ("FeatureManagement:RuleSet2025", "true"), ("FeatureManagement:RuleSet2025Shadow", "false"));
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NationalPause_SwitchedOnAndOffAtRuntime_EveryEntryRolloutNotActiveThenBack()
    {
        var nhs = await host.RegisterAsync(1);
        var request = Evaluate(nhs, Entry("e1"), Entry("bad", recorded: "x"));

        host.Flags.Set(("FeatureManagement:NationalPause", "true"));
        var paused = await _client.EvaluateAsync(request, host.Supplier());
        host.Flags.Set(("FeatureManagement:NationalPause", "false"));
        var resumed = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal("e1=RolloutNotActive bad=DecisionUnavailable", paused.Reasons());
        Assert.Equal("e1=Visible bad=DecisionUnavailable", resumed.Reasons());
        var audit = await host.AuditOfAsync(nhs);
        Assert.Equal("NationalPause=on;Gate=on;RuleSet2025=on", audit.Single(a => a.DecisionId == DecisionId(paused)).Flags);
        Assert.Equal("NationalPause=off;Gate=on;RuleSet2025=on", audit.Single(a => a.DecisionId == DecisionId(resumed)).Flags);
    }

    private static Guid DecisionId(RpcResult result) => Guid.Parse(EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]).DecisionId);

    [Fact]
    public async Task Gate_EnabledForOneSupplierOnly_OthersRolloutNotActiveAndStaffUnaffected()
    {
        var nhs = await host.RegisterAsync(2);
        host.Flags.Set((Targeting + "Parameters:Audience:DefaultRolloutPercentage", "0"), (Targeting + "Parameters:Audience:Users:0", "emis"));

        var emis = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier("emis"));
        var tpp = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier("tpp"));
        var staff = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Staff());

        Assert.Equal("e1=Visible", emis.Reasons());
        Assert.Equal("e1=RolloutNotActive", tpp.Reasons());
        Assert.Equal("e1=Visible", staff.Reasons());
        var tppAudit = Assert.Single(await host.AuditOfAsync(nhs), a => a.Caller == "supplier:tpp");
        Assert.Equal("NationalPause=off;Gate=off;RuleSet2025=on", tppAudit.Flags);
    }

    [Theory]
    [InlineData("false", "false", "Visible", "off", "2024.1", "")]
    [InlineData("false", "true", "Visible", "shadow", "2024.1", ";RuleSet2025.shadowDifferences=1")]
    [InlineData("true", "false", "EnhancedReviewRequired", "on", "2025.1", "")]
    public async Task RuleSet2025_OffShadowOn_OnlyOnLetsTheFuture106WaitAndShadowCountsTheDifference(
        string on, string shadow, string after, string mode, string ruleSet, string shadowCount)
    {
        // H12: a 106 dated after today lifts an earlier 104 under rule set 2024.1; under 2025.1 it is not in effect yet.
        // The admin refuses future-dated codes, so the 106 is written while the clock is ahead, then the clock goes back.
        var nhs = await host.RegisterAsync(10 + mode.Length);
        GateHost.Ok(await host.Runtime.Admin.RecordPatientCodeAsync(GateHost.System, nhs, "1364731000000104", "2024-01-01"));
        var beforeAnswer = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier());
        host.Clock.Now = GateHost.Today.AddDays(30);
        GateHost.Ok(await host.Runtime.Admin.RecordPatientCodeAsync(GateHost.System, nhs, "1364751000000106", "2024-11-01"));
        host.Clock.Now = GateHost.Today;
        host.Flags.Set(("FeatureManagement:RuleSet2025", on), ("FeatureManagement:RuleSet2025Shadow", shadow));

        var afterAnswer = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier());

        Assert.Equal("e1=EnhancedReviewRequired", beforeAnswer.Reasons());
        Assert.Equal($"e1={after}", afterAnswer.Reasons());
        var response = EvaluateEntriesResponse.Parser.ParseFrom(afterAnswer.Messages[0]);
        Assert.Equal(ruleSet, response.RuleSetVersion);
        var audit = Assert.Single(await host.AuditOfAsync(nhs), a => a.DecisionId == Guid.Parse(response.DecisionId));
        Assert.Equal($"NationalPause=off;Gate=on;RuleSet2025={mode}{shadowCount}", audit.Flags);
        Assert.Equal(ruleSet, audit.RuleSetVersion);
    }
}
