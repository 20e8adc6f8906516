using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>BatchCode: dry run, atomic commit, idempotent replay, conflicting key, skipped and refused rows, the row limit.</summary>
public sealed class BatchCodeTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private const string Code104 = "1364731000000104";
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task BatchCode_DryRunThenCommitThenReplay_CountsCommitsOnceAndReplays()
    {
        string[] patients = [await NewAsync(), await NewAsync(), await NewAsync()];
        var key = $"batch-{Guid.NewGuid():N}";
        var before = host.Version();

        var dry = Response(await BatchAsync(patients, dryRun: true, key: key));
        Assert.Equal(before, host.Version());
        var committed = Response(await BatchAsync(patients, key: key));
        var afterCommit = host.Version();
        var replay = Response(await BatchAsync(patients, key: key));

        Assert.True(dry.DryRun);
        Assert.Equal(0UL, dry.StateVersion);
        Assert.Equal((3, 0, 3, 0), (dry.PatientsChanged, dry.PatientsUnchanged, dry.LoseAccessToday, dry.GainAccessToday));
        Assert.Equal((ulong)afterCommit, committed.StateVersion);
        Assert.Equal(before + 3, afterCommit);
        Assert.Equal((3, 3), (committed.PatientsChanged, committed.LoseAccessToday));
        Assert.All(patients, p => Assert.Equal(Code104, Assert.Single(host.Runtime().State.FindPatient(p)!.Codes).Code));
        Assert.True(replay.Replayed);
        Assert.Equal(committed.StateVersion, replay.StateVersion);
        Assert.Equal(afterCommit, host.Version());
    }

    [Fact]
    public async Task BatchCode_KeyReusedForOtherContent_FailedPreconditionAndNothingChanges()
    {
        var key = $"batch-{Guid.NewGuid():N}";
        Response(await BatchAsync([await NewAsync()], key: key));
        var other = await NewAsync();
        var before = host.Version();

        var result = await BatchAsync([other], key: key);

        result.AssertStatus(9, "idempotency_key: was already used for a different batch");
        Assert.Equal(before, host.Version());
        Assert.Empty(host.Runtime().State.FindPatient(other)!.Codes);
    }

    [Fact]
    public async Task BatchCode_MalformedRowWithoutSkipInvalid_InvalidArgumentNamingTheRowAndNothingChanges()
    {
        var good = await NewAsync();
        var before = host.Version();

        var result = await BatchAsync([good, "9434765918"]);

        result.AssertStatus(3, "nhs_numbers: 1 row(s) cannot be coded, so nothing was committed: row 2 '9434765918': NHS number");
        Assert.Equal(before, host.Version());
        Assert.Empty(host.Runtime().State.FindPatient(good)!.Codes);
    }

    [Fact]
    public async Task BatchCode_PatientOfAnotherPracticeWithoutSkipInvalid_FailedPreconditionAndNothingChanges()
    {
        var before = host.Version();

        var result = await BatchAsync([await NewAsync(), "9434765986"]);

        result.AssertStatus(9, "nhs_numbers: 1 row(s) cannot be coded");
        Assert.Equal(before + 1, host.Version()); // only the registration made by NewAsync
    }

    [Fact]
    public async Task BatchCode_SkipInvalid_CommitsTheValidRowsAndReportsTheOthers()
    {
        var good = await NewAsync();
        var unknown = AdminCalls.NewNhsNumber();

        var response = Response(await BatchAsync([good, "not a number", unknown, good], skipInvalid: true));

        Assert.Equal(1, response.PatientsChanged);
        Assert.Equal([2, 3, 4], response.InvalidRows.Select(r => r.Row));
        Assert.Contains("duplicate of line 1", response.InvalidRows[2].Message, StringComparison.Ordinal);
        Assert.Equal(Code104, Assert.Single(host.Runtime().State.FindPatient(good)!.Codes).Code);
    }

    [Fact]
    public async Task BatchCode_MoreRowsThanTheLimit_ResourceExhaustedAndNothingChanges()
    {
        var before = host.Version();

        var result = await BatchAsync([.. Enumerable.Repeat("9434765919", AdminHost.MaxBatchRows + 1)]);

        result.AssertStatus(8, $"nhs_numbers: the batch has {AdminHost.MaxBatchRows + 1} rows; at most {AdminHost.MaxBatchRows}");
        Assert.Equal(before, host.Version());
    }

    private Task<string> NewAsync() => _client.RegisterNewPatientAsync(host);

    private Task<RpcResult> BatchAsync(string[] patients, bool dryRun = false, bool skipInvalid = false, string key = "") =>
        _client.AdminAsync("BatchCode", new BatchCodeRequest
        {
            Ods = AdminCalls.Practice, Code = Code104, EffectiveDate = "2024-05-01", Reason = "practice review list",
            DryRun = dryRun, SkipInvalid = skipInvalid, IdempotencyKey = key, NhsNumbers = { patients },
        }, host.Staff());

    private static BatchCodeResponse Response(RpcResult result)
    {
        result.AssertStatus(0);
        return Assert.Single(result.Parse(BatchCodeResponse.Parser));
    }
}
