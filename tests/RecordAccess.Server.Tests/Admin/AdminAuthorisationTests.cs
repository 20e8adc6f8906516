using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>Who may change what: UNAUTHENTICATED without a token, PERMISSION_DENIED outside the caller's practices; nothing changes.</summary>
public sealed class AdminAuthorisationTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    public static TheoryData<string, int> Callers => new()
    {
        { "none", 16 },
        { "forged", 16 },
        { "patient", 7 },
        { "staff of another practice", 7 },
        { "supplier without gate.admin", 7 },
        { "supplier not serving the practice", 7 },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task RestrictPatient_CallerWithoutRights_RefusedAndNothingChanges(string caller, int status)
    {
        var nhs = await _client.RegisterNewPatientAsync(host);
        var before = host.Version();

        var result = await _client.AdminAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "r" }, Token(caller));

        // A patient of a practice the caller may not act for is NOT_FOUND, as an unknown patient is (decision 0090).
        result.AssertStatus(caller is "staff of another practice" or "supplier not serving the practice" ? 5 : status);
        Assert.Equal(before, host.Version());
        Assert.False(host.Runtime().State.FindPatient(nhs)!.Restricted);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task BatchCodeAndSettings_CallerWithoutRights_RefusedAndNothingChanges(string caller, int status)
    {
        var before = host.Version();

        var batch = await _client.AdminAsync("BatchCode", new BatchCodeRequest
        {
            Ods = AdminCalls.Practice, Code = "1364731000000104", EffectiveDate = "2024-01-01", Reason = "r", NhsNumbers = { "9434765919" },
        }, Token(caller));
        var settings = await _client.AdminAsync("SetPracticeSettings", new SetPracticeSettingsRequest
        {
            Ods = AdminCalls.Practice, SwitchOnDate = "2022-01-01", OptedOut = true, Reason = "r",
        }, Token(caller));

        batch.AssertStatus(status);
        settings.AssertStatus(status);
        Assert.Equal(before, host.Version());
    }

    [Fact]
    public async Task Reads_StaffOfAnotherPractice_RefusedWithoutSayingWhetherThePatientExists()
    {
        var other = host.Staff(AdminCalls.OtherPractice);

        var state = await _client.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = "9434765919" }, other);
        var watch = await _client.AdminAsync("WatchChanges", new WatchChangesRequest { Ods = AdminCalls.Practice }, other);

        state.AssertStatus(5, "nhs_number: no patient with this NHS number is registered at a practice the caller may act for.");
        watch.AssertStatus(7);
    }

    [Fact]
    public async Task RegisterPatient_MoveByStaffOfTheNewPracticeOnly_PermissionDeniedAndNothingChanges()
    {
        var nhs = await _client.RegisterNewPatientAsync(host);
        var before = host.Version();

        var result = await _client.AdminAsync("RegisterPatient", new RegisterPatientRequest
        {
            NhsNumber = nhs, Ods = AdminCalls.OtherPractice, DateOfBirth = "1980-05-05", RegistrationDate = "2024-06-01", Reason = "moved",
        }, host.Staff(AdminCalls.OtherPractice));

        result.AssertStatus(7, "nhs_number: the patient is registered at a practice the caller may not administer");
        Assert.DoesNotContain(AdminCalls.Practice, result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(before, host.Version());
        Assert.Equal(AdminCalls.Practice, host.Runtime().State.FindPatient(nhs)!.Ods);
    }

    [Fact]
    public async Task RegisterPatient_MoveByCallerServingBothPractices_Moves()
    {
        var nhs = await _client.RegisterNewPatientAsync(host);

        var result = await _client.AdminAsync("RegisterPatient", new RegisterPatientRequest
        {
            NhsNumber = nhs, Ods = AdminCalls.OtherPractice, DateOfBirth = "1980-05-05", RegistrationDate = "2024-06-01", Reason = "moved",
        }, host.Supplier(["gate.admin"], AdminCalls.Practice, AdminCalls.OtherPractice));

        result.AssertStatus(0);
        Assert.Equal(AdminCalls.OtherPractice, host.Runtime().State.FindPatient(nhs)!.Ods);
    }

    private string? Token(string caller) => caller switch
    {
        "none" => null,
        "forged" => host.Staff() + "x",
        "patient" => host.Patient(),
        "staff of another practice" => host.Staff(AdminCalls.OtherPractice),
        "supplier without gate.admin" => host.Supplier(["gate.evaluate"], AdminCalls.Practice),
        "supplier not serving the practice" => host.Supplier(["gate.admin"], AdminCalls.OtherPractice),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}
