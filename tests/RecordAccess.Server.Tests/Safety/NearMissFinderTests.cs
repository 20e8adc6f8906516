using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Safety;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Safety;

/// <summary>
/// Decisions 0118 and 0120: near misses found in the decision audit and the policy log, each caused here by real gRPC
/// calls to the real host (its own SQLite store, a settable clock) and found by <see cref="NearMissFinder"/>, per
/// practice and national; one practice never sees another's.
/// </summary>
public sealed class NearMissFinderTests : IAsyncLifetime, IDisposable
{
    private const string Admin = "/recordaccess.v1.RecordAccessAdmin/";
    private const string Code104 = "1364731000000104";
    private const string Code106 = "1364751000000106";

    private readonly GateHost _host = new();
    private HttpClient _client = null!;

    private static DateTimeOffset From => GateHost.Today.AddDays(-2);

    private static DateTimeOffset To => GateHost.Today.AddDays(30);

    private NearMissFinder Finder => _host.Services.GetRequiredService<NearMissFinder>();

    public async Task InitializeAsync()
    {
        await _host.SeedPracticesAsync();
        _client = _host.CreateGrpcClient();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client?.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task DecisionUnavailable_AnEntryThatCannotBeDecided_FoundWithItsDecisionForItsPracticeOnly()
    {
        var nhs = await _host.RegisterAsync(1);
        var other = await _host.RegisterAsync(2, GateHost.OtherOds);
        var answer = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1"), Entry("bad", recorded: "x")), _host.Supplier());
        var fine = await _client.EvaluateAsync(Evaluate(other, Entry("e1")), _host.Supplier(practices: GateHost.OtherOds));

        Assert.Equal("e1=Visible bad=DecisionUnavailable", answer.Reasons());
        Assert.Equal("e1=Visible", fine.Reasons());
        var found = Assert.Single(await Finder.ListAsync(GateHost.Ods, From, To, default));
        Assert.Equal(NearMissKind.DecisionUnavailable, found.Kind);
        Assert.Equal(DecisionId(answer), found.DecisionId);
        Assert.Equal((GateHost.Ods, nhs), (found.Ods, found.NhsNumber));
        Assert.Contains("1 of 2 entries", found.Detail, StringComparison.Ordinal);
        Assert.Contains("bad", found.Detail, StringComparison.Ordinal);
        Assert.Empty(await Finder.ListAsync(GateHost.OtherOds, From, To, default));
        Assert.Equal(found, Assert.Single(await Finder.ListAsync(null, From, To, default)));
        Assert.Empty(await Finder.ListAsync(null, GateHost.Today.AddHours(1), To, default));
    }

    [Fact]
    public async Task ShadowDifference_StagedRuleSetWouldWithholdWhatTheLiveRulesShow_FoundSayingWhichWay()
    {
        // As in RolloutSwitchTests (H12): a future-dated 106 lifts a 104 under 2024.1 (live) but not under 2025.1 (shadow).
        var nhs = await _host.RegisterAsync(3);
        await AdminOkAsync("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = nhs, Code = Code104, EffectiveDate = "2024-01-01", Reason = "review" });
        _host.Clock.Now = GateHost.Today.AddDays(30);
        await AdminOkAsync("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = nhs, Code = Code106, EffectiveDate = "2024-11-01", Reason = "reviewed" });
        _host.Clock.Now = GateHost.Today;
        _host.Flags.Set(("FeatureManagement:RuleSet2025", "false"), ("FeatureManagement:RuleSet2025Shadow", "true"));

        var answer = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1"), Entry("e2")), _host.Supplier());

        Assert.Equal("e1=Visible e2=Visible", answer.Reasons());
        var found = Assert.Single(await Finder.ListAsync(GateHost.Ods, From, GateHost.Today.AddDays(1), default));
        Assert.Equal(NearMissKind.ShadowDifference, found.Kind);
        Assert.Equal(DecisionId(answer), found.DecisionId);
        Assert.Equal((GateHost.Ods, nhs), (found.Ods, found.NhsNumber));
        Assert.Contains("would withhold 2 entries the live rules (2024.1) showed", found.Detail, StringComparison.Ordinal);
        Assert.Contains("e1 (live Visible, staged EnhancedReviewRequired)", found.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("would show", found.Detail, StringComparison.Ordinal);
        Assert.Empty(await Finder.ListAsync(GateHost.OtherOds, From, GateHost.Today.AddDays(1), default));
    }

    [Fact]
    public async Task HideLiftedSoon_RedactionRestrictionAndFlagLiftedWithinEightHours_FoundAtTheLift_LaterLiftsNot()
    {
        var nhs = await _host.RegisterAsync(4);
        var other = await _host.RegisterAsync(5, GateHost.OtherOds);
        var t = GateHost.Today;
        await AdminOkAsync("RedactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "e1", Reason = "third party" });
        await AdminOkAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "risk of harm" });
        await AdminOkAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = other, FlagId = "f1", Reason = "coercion" }, GateHost.OtherOds);
        await AdminOkAsync("RedactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "e2", Reason = "third party" });

        _host.Clock.Now = t.AddHours(2);
        await AdminOkAsync("UnredactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "e1", Reason = "redacted in error" });
        _host.Clock.Now = t.AddHours(7);
        await AdminOkAsync("LiftRestriction", new PatientChangeRequest { NhsNumber = nhs, Reason = "no longer needed" });
        await AdminOkAsync("ResolveSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = other, FlagId = "f1", Reason = "resolved" }, GateHost.OtherOds);
        _host.Clock.Now = t.AddHours(9);
        await AdminOkAsync("UnredactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "e2", Reason = "reviewed" });

        var mine = await Finder.ListAsync(GateHost.Ods, From, To, default);
        Assert.Equal([NearMissKind.HideLiftedSoon, NearMissKind.HideLiftedSoon], mine.Select(m => m.Kind));
        Assert.Equal([t.AddHours(7), t.AddHours(2)], mine.Select(m => m.OccurredAt));
        Assert.All(mine, m => Assert.Equal((GateHost.Ods, nhs, (Guid?)null), (m.Ods, m.NhsNumber, m.DecisionId)));
        Assert.StartsWith("The patient's record access was restricted", mine[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("Entry e1 was hidden", mine[1].Detail, StringComparison.Ordinal);
        Assert.Contains("shown again 2 h later", mine[1].Detail, StringComparison.Ordinal);
        Assert.Contains("redacted in error", mine[1].Detail, StringComparison.Ordinal);

        var theirs = Assert.Single(await Finder.ListAsync(GateHost.OtherOds, From, To, default));
        Assert.Equal((GateHost.OtherOds, other), (theirs.Ods, theirs.NhsNumber));
        Assert.StartsWith("Safeguarding flag f1 was raised", theirs.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await Finder.ListAsync(null, From, To, default)).Count);

        // The period is when the hide was lifted: one starting after the first lift holds only the later ones.
        Assert.Equal(2, (await Finder.ListAsync(null, t.AddHours(3), To, default)).Count);
    }

    [Fact]
    public async Task BatchRevertedSoon_A104BatchUndoneByA106ForOnePatientWithinADay_FoundOncePerBatchForItsPractice()
    {
        var patients = new[] { await _host.RegisterAsync(6), await _host.RegisterAsync(7), await _host.RegisterAsync(8) };
        var elsewhere = new[] { await _host.RegisterAsync(9, GateHost.OtherOds), await _host.RegisterAsync(10, GateHost.OtherOds) };
        var t = GateHost.Today;
        await BatchOkAsync(GateHost.Ods, Code104, patients);
        await BatchOkAsync(GateHost.OtherOds, Code104, elsewhere);

        _host.Clock.Now = t.AddHours(5);
        await AdminOkAsync("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = patients[1], Code = Code106, EffectiveDate = "2024-10-15", Reason = "batch was wrong" });
        _host.Clock.Now = t.AddHours(6);
        await AdminOkAsync("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = patients[2], Code = Code106, EffectiveDate = "2024-10-15", Reason = "batch was wrong" });
        _host.Clock.Now = t.AddHours(30);
        await AdminOkAsync("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = elsewhere[0], Code = Code106, EffectiveDate = "2024-10-16", Reason = "reviewed a day later" }, GateHost.OtherOds);

        var found = Assert.Single(await Finder.ListAsync(GateHost.Ods, From, To, default));
        Assert.Equal(NearMissKind.BatchRevertedSoon, found.Kind);
        Assert.Equal(t.AddHours(5), found.OccurredAt);
        Assert.Equal((GateHost.Ods, (string?)null, (Guid?)null), (found.Ods, found.NhsNumber, found.DecisionId));
        Assert.Contains("Batch coding of 3 patients with 104", found.Detail, StringComparison.Ordinal);
        Assert.Contains("undone for 2 of them within 24 h", found.Detail, StringComparison.Ordinal);

        // The other practice's batch was undone only after 30 h: not soon, so nobody sees it, nationally either.
        Assert.Empty(await Finder.ListAsync(GateHost.OtherOds, From, To, default));
        Assert.Equal(found, Assert.Single(await Finder.ListAsync(null, From, To, default)));
    }

    private static Guid DecisionId(RpcResult result) => Guid.Parse(EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]).DecisionId);

    private async Task AdminOkAsync(string method, IMessage request, string ods = GateHost.Ods)
    {
        var result = await _client.CallAsync(Admin + method, request, ("authorization", _host.Staff(ods)));
        Assert.True(result.StatusCode == 0, $"{method}: {result}");
    }

    private async Task BatchOkAsync(string ods, string code, string[] patients)
    {
        var request = new BatchCodeRequest { Ods = ods, Code = code, EffectiveDate = "2024-10-15", Reason = "bulk review" };
        request.NhsNumbers.AddRange(patients);
        var result = await _client.CallAsync(Admin + "BatchCode", request, ("authorization", _host.Staff(ods)));
        Assert.True(result.StatusCode == 0, result.ToString());
        Assert.Equal(patients.Length, BatchCodeResponse.Parser.ParseFrom(result.Messages[0]).PatientsChanged);
    }
}
