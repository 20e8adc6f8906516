using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>EvaluateEntries through the real host, real signed tokens and raw HTTP/2 gRPC.</summary>
public sealed class EvaluateEntriesTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
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

    [Fact]
    public async Task EvaluateEntries_MixedRecord_DecisionsInRequestOrderWithIdVersionAndAudit()
    {
        var nhs = await host.RegisterAsync(1);
        GateHost.Ok(await host.Runtime.Admin.RedactEntryAsync(GateHost.System, nhs, "letter"));
        var request = Evaluate(nhs,
            Entry("child", parent: "letter", kind: EntryKind.Coded),
            Entry("old", recorded: "2020-01-01"),
            Entry("letter", kind: EntryKind.Document),
            Entry("draft", status: EntryStatus.Draft),
            Entry("ok"));

        var result = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal(0, result.StatusCode);
        var response = EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]);
        Assert.Equal("child=ParentWithheld old=BeforeAccessStart letter=EntryRedacted draft=NotFinal ok=Visible", result.Reasons());
        Assert.Equal([false, false, false, false, true], response.Decisions.Select(d => d.Visible));
        Assert.Equal((ulong)host.Runtime.State.Version, response.StateVersion);
        Assert.Equal("2025.1", response.RuleSetVersion);
        var audit = Assert.Single(await host.AuditOfAsync(nhs));
        Assert.Equal(Guid.Parse(response.DecisionId), audit.DecisionId);
        Assert.Equal("supplier:emis", audit.Caller);
        Assert.Equal((long)response.StateVersion, audit.StateVersion);
        Assert.Equal(["child", "old", "letter", "draft", "ok"], audit.Decisions.Select(d => d.EntryId));
        Assert.Equal("NationalPause=off;Gate=on;RuleSet2025=on", audit.Flags);
    }

    [Fact]
    public async Task EvaluateEntries_EntryCodes_AccessCodeWithheldWithItsChildrenInvalidCodeUnavailableOtherCodesIgnored()
    {
        var nhs = await host.RegisterAsync(3);
        var request = Evaluate(nhs,
            Entry("review", kind: EntryKind.Coded, code: "1364731000000104"),
            Entry("declined", kind: EntryKind.Coded, code: "1290331000000103"),
            Entry("letter", kind: EntryKind.Document, code: "1364751000000106"),
            Entry("attachment", parent: "letter", kind: EntryKind.Document),
            Entry("mistyped", kind: EntryKind.Coded, code: "1364731000000105"),
            Entry("hypertension", kind: EntryKind.Coded, code: "38341003"),
            Entry("uncoded"));

        var result = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal(
            "review=AccessControlCode declined=AccessControlCode letter=AccessControlCode attachment=ParentWithheld mistyped=DecisionUnavailable hypertension=Visible uncoded=Visible",
            result.Reasons());
    }

    [Fact]
    public async Task EvaluateEntries_InvalidEntries_AnsweredDecisionUnavailableOthersDecided()
    {
        var nhs = await host.RegisterAsync(2);
        var request = Evaluate(nhs,
            Entry(""),
            Entry("kind", kind: EntryKind.Unspecified),
            Entry("status", status: EntryStatus.Unspecified),
            Entry("date", recorded: "2024-02-30"),
            Entry("nodate", recorded: ""),
            Entry("future", recorded: "2024-10-16"),
            Entry("emptyparent", parent: ""),
            Entry("missingparent", parent: "nowhere"),
            Entry("ok"));
        var unknownKind = Entry("kind99");
        unknownKind.Kind = (EntryKind)99;
        request.Entries.Add(unknownKind);

        var result = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal(
            "=DecisionUnavailable kind=DecisionUnavailable status=DecisionUnavailable date=DecisionUnavailable nodate=DecisionUnavailable "
            + "future=DecisionUnavailable emptyparent=DecisionUnavailable missingparent=DecisionUnavailable ok=Visible kind99=DecisionUnavailable",
            result.Reasons());
    }

    [Fact]
    public async Task EvaluateEntries_MinStateVersionAhead_FailedPreconditionAfterWait()
    {
        var nhs = await host.RegisterAsync(3);
        var request = Evaluate(nhs, Entry("e1"));
        request.MinStateVersion = (ulong)host.Runtime.State.Version + 1000;

        var result = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal(9, result.StatusCode);
        Assert.Contains("min_state_version", result.StatusMessage, StringComparison.Ordinal);
        Assert.Empty(await host.AuditOfAsync(nhs));
    }

    [Fact]
    public async Task EvaluateEntries_VersionOfAWithholdingWrite_ReadsThatWrite()
    {
        var nhs = await host.RegisterAsync(4);
        var restricted = GateHost.Ok(await host.Runtime.Admin.RestrictPatientAsync(GateHost.System, nhs));
        var request = Evaluate(nhs, Entry("e1"));
        request.MinStateVersion = (ulong)restricted.Version;

        var result = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal("e1=RestrictedRiskOfHarm", result.Reasons());
        Assert.True(EvaluateEntriesResponse.Parser.ParseFrom(result.Messages[0]).StateVersion >= (ulong)restricted.Version);
    }

    [Fact]
    public async Task EvaluateEntries_Staff_OwnPracticeAllowedOtherDenied()
    {
        var nhs = await host.RegisterAsync(5);

        var own = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Staff());
        var other = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Staff(GateHost.OtherOds));

        Assert.Equal("e1=Visible", own.Reasons());
        Assert.Equal(5, other.StatusCode);
    }
}
