using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>Requests the gate refuses: the status, a message naming the field, and nothing audited.</summary>
public sealed class GateRejectionTests(GateHost host) : IClassFixture<GateHost>, IAsyncLifetime
{
    private readonly HttpClient _client = host.CreateGrpcClient();
    private string _nhs = string.Empty;

    public async Task InitializeAsync()
    {
        if (host.Runtime.State.PracticeCount == 0)
        {
            await host.SeedPracticesAsync();
            await host.RegisterAsync(1);
            await host.RegisterAsync(2, GateHost.OtherOds);
            GateHost.Ok(await host.Runtime.Admin.SetPracticeSettingsAsync(GateHost.System, "B99999", "2023-10-31", optedOut: false));
        }

        _nhs = TestNhs.Make(1);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("no-token", 16, "bearer token")]
    [InlineData("garbage-token", 16, "bearer token")]
    [InlineData("patient", 7, "Patients do not call the gate")]
    [InlineData("bad-check-digit", 3, "nhs_number")]
    [InlineData("nhs-with-spaces", 3, "nhs_number")]
    [InlineData("nhs-empty", 3, "nhs_number")]
    [InlineData("unknown-patient", 5, "nhs_number: no patient with this NHS number is registered at a practice the caller may act for.")]
    [InlineData("supplier-other-practice", 5, "nhs_number: no patient with this NHS number is registered at a practice the caller may act for.")]
    [InlineData("supplier-without-scope", 7, "gate.evaluate")]
    [InlineData("staff-other-practice", 5, "nhs_number: no patient with this NHS number is registered at a practice the caller may act for.")]
    public async Task EvaluateEntries_Refused_StatusAndMessageNamingTheFieldAndNothingAudited(string problem, int status, string message)
    {
        var nhs = problem switch
        {
            "bad-check-digit" => _nhs[..9] + (char)('0' + ((_nhs[9] - '0' + 1) % 10)),
            "nhs-with-spaces" => $"{_nhs[..3]} {_nhs[3..6]} {_nhs[6..]}",
            "nhs-empty" => string.Empty,
            "unknown-patient" => TestNhs.Make(999),
            _ => _nhs,
        };
        var token = problem switch
        {
            "no-token" => null,
            "garbage-token" => "Bearer not.a.token",
            "patient" => host.Patient(_nhs),
            "supplier-other-practice" => host.Supplier(practices: "B99999"),
            "supplier-without-scope" => host.Supplier(scopes: "gate.admin"),
            "staff-other-practice" => host.Staff("B99999"),
            _ => host.Supplier(),
        };

        var result = await _client.EvaluateAsync(Evaluate(nhs, Entry("e1")), token);

        Assert.Equal(status, result.StatusCode);
        Assert.Contains(message, result.StatusMessage, StringComparison.Ordinal);
        Assert.Empty(result.Messages);
        Assert.Empty(await host.AuditOfAsync(_nhs));
    }

    [Fact]
    public async Task EvaluateEntries_PatientOfAPracticeNotServed_NotFoundNamingNoPractice()
    {
        var result = await _client.EvaluateAsync(Evaluate(TestNhs.Make(2), Entry("e1")), host.Supplier());

        Assert.Equal(5, result.StatusCode);
        Assert.DoesNotContain(GateHost.OtherOds, result.StatusMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(new byte[] { 0x12, 0x05, 0x0A })]
    [InlineData(new byte[] { 0xFF })]
    public async Task EvaluateEntries_MalformedProtobuf_UnknownAndTheServerStillAnswers(byte[] payload)
    {
        var result = await _client.CallAsync(GateHost.Gate + "EvaluateEntries", Frames.Of(payload), ("authorization", host.Supplier()));
        var after = await _client.EvaluateAsync(Evaluate(_nhs, Entry("e1")), host.Supplier());

        // Grpc.AspNetCore parses the request before any handler runs and answers UNKNOWN, without the parser's detail.
        Assert.Equal(2, result.StatusCode);
        Assert.Equal("Exception was thrown by handler.", result.StatusMessage);
        Assert.Equal("e1=Visible", after.Reasons());
    }

    [Fact]
    public async Task EvaluateEntries_InvalidUtf8InAString_AnErrorNeverACrash()
    {
        // Field 1 (nhs_number), length 2, bytes that are not UTF-8.
        var result = await _client.CallAsync(GateHost.Gate + "EvaluateEntries", Frames.Of([0x0A, 0x02, 0xC3, 0x28]), ("authorization", host.Supplier()));

        var after = await _client.EvaluateAsync(Evaluate(_nhs, Entry("e1")), host.Supplier());

        Assert.Contains(result.StatusCode, new int?[] { 2, 3, 13 });
        Assert.Equal("e1=Visible", after.Reasons());
    }

    [Fact]
    public async Task EvaluateEntries_MessageOverTheLimit_ResourceExhausted()
    {
        var request = Evaluate(_nhs, [.. Enumerable.Range(0, 5000).Select(i => Entry($"entry-{i}"))]);

        var result = await _client.EvaluateAsync(request, host.Supplier());

        Assert.Equal(8, result.StatusCode);
    }
}
