using System.Net;
using Grpc.Core;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Fhir;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>
/// No existence oracle (decision 0090): to a caller of practice A81001, an unknown NHS number, a patient of A81002 and a
/// patient who moved from A81001 to A81002 are refused identically, byte for byte, on every surface: gRPC status, message
/// and trailers (gate and admin RPCs, with a staff token and a supplier's), a StreamEvaluate record error, the rows of a
/// BatchCode dry run, and the staff FHIR endpoints' status, headers and body. No refusal names a practice; nothing is
/// audited or changed.
/// </summary>
public sealed class ExistenceOracleTests : IAsyncLifetime, IDisposable
{
    private readonly GateHost _host = new();
    private string[] _patients = [];

    public async Task InitializeAsync()
    {
        await _host.SeedPracticesAsync();
        var other = await _host.RegisterAsync(41, GateHost.OtherOds);
        var moved = await _host.RegisterAsync(42);
        GateHost.Ok(await _host.Runtime.Admin.RaiseSafeguardingFlagAsync(new ChangeContext(Core.Policy.Actor.System("oracle-tests"), "disclosed at the old practice"), moved, "f1"));
        GateHost.Ok(await _host.Runtime.Admin.RegisterPatientAsync(GateHost.System, moved, GateHost.OtherOds, "1980-05-05", "2024-06-01"));
        _patients = [TestNhs.Make(43), other, moved];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> Callers => new() { "staff", "supplier" };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task GateAndAdminRpcs_UnknownOtherPracticeAndMovedPatient_SameStatusMessageAndTrailers(string callerKind)
    {
        var token = callerKind == "staff" ? _host.Staff() : _host.Supplier(scopes: "gate.evaluate gate.admin");
        var headers = new Metadata { { "authorization", token } };
        using var channel = _host.CreateChannel();
        var gate = new RecordAccessGate.RecordAccessGateClient(channel);
        var admin = new RecordAccessAdmin.RecordAccessAdminClient(channel);
        var version = _host.Runtime.State.Version;

        var calls = new Dictionary<string, Func<string, Task>>
        {
            ["EvaluateEntries"] = nhs => gate.EvaluateEntriesAsync(Evaluate(nhs, Entry("e1")), headers).ResponseAsync,
            ["GetPatientAccess"] = nhs => gate.GetPatientAccessAsync(new GetPatientAccessRequest { NhsNumber = nhs }, headers).ResponseAsync,
            ["ExplainEntry"] = nhs => gate.ExplainEntryAsync(new ExplainEntryRequest { NhsNumber = nhs, EntryId = "e1", Entries = { Entry("e1") } }, headers).ResponseAsync,
            ["GetPatientState"] = nhs => admin.GetPatientStateAsync(new GetPatientStateRequest { NhsNumber = nhs }, headers).ResponseAsync,
            ["RestrictPatient"] = nhs => admin.RestrictPatientAsync(new PatientChangeRequest { NhsNumber = nhs, Reason = "probe" }, headers).ResponseAsync,
            ["RaiseSafeguardingFlag"] = nhs => admin.RaiseSafeguardingFlagAsync(new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "f2", Reason = "probe" }, headers).ResponseAsync,
            ["GrantHistoricAccess"] = nhs => admin.GrantHistoricAccessAsync(new PatientDateRequest { NhsNumber = nhs, Date = "2020-01-01", Reason = "probe" }, headers).ResponseAsync,
        };

        foreach (var (method, call) in calls)
        {
            var refusals = new List<string>();
            foreach (var nhs in _patients)
            {
                refusals.Add(await RefusalOfAsync(() => call(nhs)));
            }

            var refusal = Assert.Single(refusals.Distinct(StringComparer.Ordinal));
            Assert.StartsWith($"{StatusCode.NotFound}|nhs_number: no patient with this NHS number is registered", refusal, StringComparison.Ordinal);
            Assert.DoesNotContain("A8100", refusal, StringComparison.Ordinal);
        }

        Assert.Equal(version, _host.Runtime.State.Version);
        foreach (var nhs in _patients)
        {
            Assert.Empty(await _host.AuditOfAsync(nhs));
        }
    }

    [Fact]
    public async Task StreamEvaluate_UnknownOtherPracticeAndMovedPatient_SameRecordError()
    {
        using var channel = _host.CreateChannel();
        using var call = new RecordAccessGate.RecordAccessGateClient(channel).StreamEvaluate(new Metadata { { "authorization", _host.Supplier() } });
        foreach (var nhs in _patients)
        {
            await call.RequestStream.WriteAsync(new StreamEvaluateRequest { RequestId = "r", NhsNumber = nhs, Last = true, Entries = { Entry("e1") } });
        }

        await call.RequestStream.CompleteAsync();
        var errors = new List<string>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var response = call.ResponseStream.Current;
            errors.Add($"{response.RequestId}|{response.Last}|{response.Error.Code}|{response.Error.Message}|{response.Decisions.Count}");
        }

        Assert.Equal(3, errors.Count);
        var error = Assert.Single(errors.Distinct(StringComparer.Ordinal));
        Assert.StartsWith($"r|True|{(int)StatusCode.NotFound}|request_id 'r': nhs_number: no patient", error, StringComparison.Ordinal);
        Assert.DoesNotContain("A8100", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchCodeDryRun_UnknownOtherPracticeAndMovedPatient_SameRowProblem()
    {
        using var channel = _host.CreateChannel();
        var admin = new RecordAccessAdmin.RecordAccessAdminClient(channel);
        var response = await admin.BatchCodeAsync(
            new BatchCodeRequest { Ods = GateHost.Ods, Code = "1364731000000104", EffectiveDate = "2024-01-01", Reason = "probe", DryRun = true, NhsNumbers = { _patients } },
            new Metadata { { "authorization", _host.Staff() } });

        Assert.Equal(3, response.InvalidRows.Count);
        var message = Assert.Single(response.InvalidRows.Select(r => r.Message).Distinct(StringComparer.Ordinal));
        Assert.Equal("patient is not registered at this practice", message);
        Assert.Equal(_patients, response.InvalidRows.Select(r => r.NhsNumber));
    }

    [Fact]
    public async Task StaffFhir_UnknownOtherPracticeAndMovedPatient_SameStatusHeadersAndBody()
    {
        var fhir = new StaffFhirClient(_host);
        var version = _host.Runtime.State.Version;
        var requests = new Dictionary<string, Func<string, (HttpMethod, string, string?)>>
        {
            ["Flag search"] = nhs => (HttpMethod.Get, $"/fhir/Flag?patient=Patient/{nhs}", null),
            ["Consent search"] = nhs => (HttpMethod.Get, $"/fhir/Consent?patient=https://fhir.nhs.uk/Id/nhs-number|{nhs}", null),
            ["AuditEvent search"] = nhs => (HttpMethod.Get, $"/fhir/AuditEvent?patient=Patient/{nhs}", null),
            ["Consent create"] = nhs => (HttpMethod.Post, "/fhir/Consent", StaffFhirClient.NewGrant(nhs, "2024-03-01").ToJsonString()),
        };

        foreach (var (name, request) in requests)
        {
            var answers = new List<string>();
            foreach (var nhs in _patients)
            {
                var (method, path, body) = request(nhs);
                var (response, text) = await fhir.SendAsync(method, path, body);
                var headers = response.Headers.Concat(response.Content.Headers)
                    .Where(h => !string.Equals(h.Key, "Date", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(h => h.Key, StringComparer.Ordinal)
                    .Select(h => $"{h.Key}: {string.Join(",", h.Value)}");
                answers.Add($"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{text}");
            }

            var answer = Assert.Single(answers.Distinct(StringComparer.Ordinal));
            Assert.StartsWith($"{(int)HttpStatusCode.NotFound}\n", answer, StringComparison.Ordinal);
            Assert.Contains("No patient with this NHS number is registered at a practice the caller may act for.", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("A8100", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("disclosed", answer, StringComparison.Ordinal);
        }

        Assert.Equal(version, _host.Runtime.State.Version);
    }

    [Fact]
    public async Task StaffFhir_FlagOfAMovedPatientById_LooksUnknownToThePracticeLeft()
    {
        var fhir = new StaffFhirClient(_host);
        var flagId = $"flag-{await FirstFlagVersionAsync(_patients[2])}";

        var (left, leftBody) = await fhir.SendAsync(HttpMethod.Get, $"/fhir/Flag/{flagId}");
        var (unknown, unknownBody) = await fhir.SendAsync(HttpMethod.Get, "/fhir/Flag/flag-999999");
        var (joined, joinedBody) = await fhir.SendAsync(HttpMethod.Get, $"/fhir/Flag/{flagId}", token: fhir.StaffToken(GateHost.OtherOds));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (left.StatusCode, unknown.StatusCode));
        Assert.Equal(unknownBody.Replace("flag-999999", flagId, StringComparison.Ordinal), leftBody);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains("disclosed at the old practice", joinedBody, StringComparison.Ordinal);
    }

    private async Task<long> FirstFlagVersionAsync(string nhs)
    {
        await foreach (var e in _host.Runtime.Store.ReadPatientHistoryAsync(nhs))
        {
            if (e.Event.Change is Core.Policy.Events.SafeguardingFlagRaised)
            {
                return e.Version;
            }
        }

        throw new InvalidOperationException("no flag");
    }

    private static async Task<string> RefusalOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "OK";
        }
        catch (RpcException e)
        {
            var trailers = string.Join(";", e.Trailers.Select(t => $"{t.Key}={(t.IsBinary ? Convert.ToBase64String(t.ValueBytes) : t.Value)}"));
            return $"{e.StatusCode}|{e.Status.Detail}|{trailers}";
        }
    }
}
