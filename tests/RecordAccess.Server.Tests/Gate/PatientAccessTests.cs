using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>GetPatientAccess through the real host, real signed tokens and raw HTTP/2 gRPC: every patient-level reason (rules 1-7).</summary>
public sealed class PatientAccessTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
{
    private const string OptedOutOds = "A81003";
    private readonly HttpClient _client = host.CreateGrpcClient();

    public async Task InitializeAsync()
    {
        if (host.Runtime.State.PracticeCount == 0)
        {
            await host.SeedPracticesAsync();
            GateHost.Ok(await host.Runtime.Admin.SetPracticeSettingsAsync(GateHost.System, OptedOutOds, "2023-10-31", optedOut: true));
        }
    }

    public Task DisposeAsync()
    {
        host.Flags.Set(("FeatureManagement:NationalPause", "false"));
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetPatientAccess_Visible_DatesIdsAndAudit()
    {
        var nhs = await host.RegisterAsync(1);
        GateHost.Ok(await host.Runtime.Admin.SetIndividualStartDateAsync(GateHost.System, nhs, "2024-03-01"));
        GateHost.Ok(await host.Runtime.Admin.GrantHistoricAccessAsync(GateHost.System, nhs, "2015-01-01"));

        var result = await _client.AccessAsync(nhs, host.Supplier());

        var response = Parse(result);
        Assert.True(response.AccessAvailable);
        Assert.Equal(Reason.Visible, response.Reason);
        Assert.Equal("2024-03-01", response.AccessStartDate);
        Assert.Equal("2015-01-01", response.HistoricFromDate);
        Assert.Equal((ulong)host.Runtime.State.Version, response.StateVersion);
        Assert.Equal("2025.1", response.RuleSetVersion);
        var audit = Assert.Single(await host.AuditOfAsync(nhs));
        Assert.Equal(Guid.Parse(response.DecisionId), audit.DecisionId);
        Assert.Equal("supplier:emis", audit.Caller);
        Assert.Equal("$patient-access=Visible", string.Join(" ", audit.Decisions.Select(d => $"{d.EntryId}={d.Reason}")));
        Assert.Equal("NationalPause=off;Gate=on;RuleSet2025=on", audit.Flags);
    }

    [Fact]
    public async Task GetPatientAccess_NoGrants_AccessStartIsTheSwitchOnAndNoHistoricDate()
    {
        var nhs = await host.RegisterAsync(2);

        var response = Parse(await _client.AccessAsync(nhs, host.Staff()));

        Assert.Equal((true, Reason.Visible, "2023-10-31", ""), (response.AccessAvailable, response.Reason, response.AccessStartDate, response.HistoricFromDate));
    }

    [Theory]
    [InlineData(10, "pause", Reason.RolloutNotActive)]
    [InlineData(11, "opted-out", Reason.PracticeOptedOut)]
    [InlineData(12, "under-16", Reason.PatientUnder16)]
    [InlineData(13, "declined", Reason.PatientDeclined)]
    [InlineData(14, "review", Reason.EnhancedReviewRequired)]
    [InlineData(15, "restricted", Reason.RestrictedRiskOfHarm)]
    [InlineData(16, "safeguarding", Reason.SafeguardingFlag)]
    public async Task GetPatientAccess_EachPatientLevelReason_NotAvailableWithThatReason(int seed, string setup, Reason expected)
    {
        var nhs = TestNhs.Make(seed);
        var ods = setup == "opted-out" ? OptedOutOds : GateHost.Ods;
        var admin = host.Runtime.Admin;
        GateHost.Ok(await admin.RegisterPatientAsync(GateHost.System, nhs, ods, setup == "under-16" ? "2010-05-05" : "1980-05-05", "2010-01-01"));
        switch (setup)
        {
            case "pause": host.Flags.Set(("FeatureManagement:NationalPause", "true")); break;
            case "declined": GateHost.Ok(await admin.RecordPatientCodeAsync(GateHost.System, nhs, "1290331000000103", "2024-01-02")); break;
            case "review": GateHost.Ok(await admin.RecordPatientCodeAsync(GateHost.System, nhs, "1364731000000104", "2024-01-02")); break;
            case "restricted": GateHost.Ok(await admin.RestrictPatientAsync(GateHost.System, nhs)); break;
            case "safeguarding": GateHost.Ok(await admin.RaiseSafeguardingFlagAsync(GateHost.System, nhs, "sg-1")); break;
        }

        var result = await _client.AccessAsync(nhs, host.Supplier(practices: ods));
        host.Flags.Set(("FeatureManagement:NationalPause", "false"));

        var response = Parse(result);
        Assert.Equal((false, expected), (response.AccessAvailable, response.Reason));
        Assert.Equal("2023-10-31", response.AccessStartDate);

        // The same reason the gate gives a plainly valid entry of that patient.
        if (setup != "pause")
        {
            var entries = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier(practices: ods));
            Assert.Equal($"e1={expected}", entries.Reasons());
        }

        var audit = Assert.Single(await host.AuditOfAsync(nhs), a => a.DecisionId == Guid.Parse(response.DecisionId));
        Assert.Equal($"$patient-access={expected}", string.Join(" ", audit.Decisions.Select(d => $"{d.EntryId}={d.Reason}")));
    }

    [Fact]
    public async Task GetPatientAccess_GateNotEnabledForSupplier_RolloutNotActive()
    {
        var nhs = await host.RegisterAsync(20);
        const string Targeting = "FeatureManagement:Gate:EnabledFor:0:Parameters:Audience:";
        host.Flags.Set((Targeting + "DefaultRolloutPercentage", "0"), (Targeting + "Users:0", "emis"));
        try
        {
            var tpp = Parse(await _client.AccessAsync(nhs, host.Supplier("tpp")));
            var emis = Parse(await _client.AccessAsync(nhs, host.Supplier("emis")));

            Assert.Equal((false, Reason.RolloutNotActive), (tpp.AccessAvailable, tpp.Reason));
            Assert.Equal((true, Reason.Visible), (emis.AccessAvailable, emis.Reason));
        }
        finally
        {
            host.Flags.Set((Targeting + "DefaultRolloutPercentage", "100"));
        }
    }

    [Fact]
    public async Task GetPatientAccess_Refusals_StatusNamingTheFieldAndNothingAudited()
    {
        var nhs = await host.RegisterAsync(21);
        var other = await host.RegisterAsync(22, GateHost.OtherOds);

        (await _client.AccessAsync("12345", host.Supplier())).AssertStatus(3, "nhs_number");
        (await _client.AccessAsync(nhs, null)).AssertStatus(16);
        (await _client.AccessAsync(nhs, host.Patient(nhs))).AssertStatus(7);
        (await _client.AccessAsync(other, host.Supplier())).AssertStatus(5, "nhs_number");
        (await _client.AccessAsync(TestNhs.Make(23), host.Supplier())).AssertStatus(5, "nhs_number");
        (await _client.AccessAsync(nhs, host.Supplier(), (ulong)host.Runtime.State.Version + 1000)).AssertStatus(9, "min_state_version");
        Assert.Empty(await host.AuditOfAsync(nhs));
        Assert.Empty(await host.AuditOfAsync(other));
    }

    private static GetPatientAccessResponse Parse(RpcResult result)
    {
        Assert.True(result.StatusCode == 0, result.ToString());
        return GetPatientAccessResponse.Parser.ParseFrom(result.Messages[0]);
    }
}
