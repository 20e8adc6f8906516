using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>GetPatientState, now and as of a version.</summary>
public sealed class PatientStateTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetPatientState_Now_EverythingTheStateHolds()
    {
        var state = Single(await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = "9434765919" }, host.Staff()));

        Assert.Equal(("9434765919", "A81001", "1980-05-05", "2010-01-01"), (state.NhsNumber, state.Ods, state.DateOfBirth, state.RegistrationDate));
        Assert.Equal("2015-01-01", state.HistoricFromDate);
        Assert.Equal(["demo-letter-third-party"], state.RedactedEntries);
        Assert.Equal("", state.IndividualGrantDate);
        Assert.True(state.StateVersion > 0);
    }

    [Fact]
    public async Task GetPatientState_AsOfAVersion_RebuiltFromTheLog()
    {
        var staff = host.Staff();
        var nhs = await _client.RegisterNewPatientAsync(host);
        var restricted = Version(await _client.AdminAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "risk" }, staff));
        Version(await _client.AdminAsync("LiftRestriction", new PatientChangeRequest { NhsNumber = nhs, Reason = "reviewed" }, staff));
        Version(await _client.AdminAsync("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = nhs, Code = "1290331000000103", EffectiveDate = "2024-01-10", Reason = "declined" }, staff));

        var then = Single(await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = nhs, AsOfVersion = restricted }, staff));
        var now = Single(await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = nhs }, staff));

        Assert.True(then.Restricted);
        Assert.Empty(then.Codes);
        Assert.Equal(restricted, then.StateVersion);
        Assert.False(now.Restricted);
        Assert.Equal(("1290331000000103", "2024-01-10"), (Assert.Single(now.Codes).Code, now.Codes[0].EffectiveDate));
    }

    [Fact]
    public async Task GetPatientState_BeforeRegistrationOrAfterTheState_FailedPrecondition()
    {
        var nhs = await _client.RegisterNewPatientAsync(host);

        var before = await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = nhs, AsOfVersion = 1 }, host.Staff());
        var future = await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = nhs, AsOfVersion = 1_000_000 }, host.Staff());
        var unknown = await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = AdminCalls.NewNhsNumber() }, host.Staff());
        var malformed = await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = "12345" }, host.Staff());

        before.AssertStatus(9, "nhs_number: was not registered as of version 1");
        future.AssertStatus(9, "as_of_version: 1000000 is after this server's state version");
        unknown.AssertStatus(5, "nhs_number: no patient with this NHS number is registered at a practice the caller may act for.");
        malformed.AssertStatus(3, "nhs_number: ");
    }

    private static PatientState Single(RpcResult result)
    {
        result.AssertStatus(0);
        return Assert.Single(result.Parse(PatientState.Parser));
    }

    private static ulong Version(RpcResult result)
    {
        result.AssertStatus(0);
        return Assert.Single(result.Parse(WriteResponse.Parser)).StateVersion;
    }
}
