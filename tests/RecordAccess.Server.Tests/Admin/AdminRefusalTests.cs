using Google.Protobuf;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>Refused writes: INVALID_ARGUMENT naming the field, FAILED_PRECONDITION for a misfit with the state; nothing changes.</summary>
public sealed class AdminRefusalTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private const string Demo = "9434765919";
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    public static TheoryData<string, IMessage, string> BadValues => new()
    {
        { "SetPracticeSettings", new SetPracticeSettingsRequest { Ods = AdminCalls.Practice, SwitchOnDate = "2023-13-01", Reason = "r" }, "switch_on_date: " },
        { "SetPracticeSettings", new SetPracticeSettingsRequest { Ods = "a81001", SwitchOnDate = "2023-10-31", Reason = "r" }, "ods: " },
        { "RegisterPatient", new RegisterPatientRequest { NhsNumber = Demo, Ods = AdminCalls.Practice, DateOfBirth = "05/05/1980", RegistrationDate = "2010-01-01" }, "date_of_birth: " },
        { "RegisterPatient", new RegisterPatientRequest { NhsNumber = "9434765918", Ods = AdminCalls.Practice, DateOfBirth = "1980-05-05", RegistrationDate = "2010-01-01" }, "nhs_number: " },
        { "RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = Demo, Code = "1364731000000105", EffectiveDate = "2024-01-01", Reason = "r" }, "code: " },
        { "RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = Demo, Code = "22298006", EffectiveDate = "2024-01-01", Reason = "r" }, "code: must be one of the access codes" },
        { "RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = Demo, Code = "1364731000000104", EffectiveDate = "", Reason = "r" }, "effective_date: " },
        { "RestrictPatient", new PatientChangeRequest { NhsNumber = Demo, Reason = "" }, "reason: is required" },
        { "RestrictPatient", new PatientChangeRequest { NhsNumber = "123", Reason = "r" }, "nhs_number: " },
        { "RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = Demo, FlagId = "", Reason = "r" }, "flag_id: " },
        { "GrantIndividualAccess", new PatientDateRequest { NhsNumber = Demo, Date = "2099-01-01", Reason = "r" }, "date: is in the future" },
        { "GrantHistoricAccess", new PatientDateRequest { NhsNumber = Demo, Date = "not a date", Reason = "r" }, "date: " },
        { "RedactEntry", new EntryChangeRequest { NhsNumber = Demo, EntryId = " padded", Reason = "r" }, "entry_id: " },
        { "BatchCode", new BatchCodeRequest { Ods = AdminCalls.Practice, Code = "1364731000000104", EffectiveDate = "2024-01-01", Reason = "r", IdempotencyKey = new string('k', 200), NhsNumbers = { Demo } }, "idempotency_key: " },
        { "BatchCode", new BatchCodeRequest { Ods = AdminCalls.Practice, Code = "1364731000000104", EffectiveDate = "2024-01-01", Reason = "r" }, "nhs_numbers: " },
    };

    public static TheoryData<string, IMessage, string> StateMisfits => new()
    {
        { "LiftRestriction", new PatientChangeRequest { NhsNumber = Demo, Reason = "r" }, "nhs_number: the patient is not restricted" },
        { "ResolveSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = Demo, FlagId = "no-such-flag", Reason = "r" }, "flag_id: the patient has no active flag" },
        { "RevokeIndividualAccess", new PatientChangeRequest { NhsNumber = Demo, Reason = "r" }, "nhs_number: the patient has no individual grant" },
        { "RemoveIndividualStartDate", new PatientChangeRequest { NhsNumber = Demo, Reason = "r" }, "nhs_number: the patient has no individual start date" },
        { "WithdrawRelease", new EntryChangeRequest { NhsNumber = Demo, EntryId = "never-released", Reason = "r" }, "entry_id: the entry is not released" },
    };

    /// <summary>Changes already in effect in the demo state (decision A7): a retry after a lost answer looks like this.</summary>
    public static TheoryData<string, IMessage> AlreadyInEffect => new()
    {
        { "RedactEntry", new EntryChangeRequest { NhsNumber = Demo, EntryId = "demo-letter-third-party", Reason = "r" } },
        { "SetPracticeSettings", new SetPracticeSettingsRequest { Ods = AdminCalls.Practice, SwitchOnDate = "2023-10-31", Reason = "r" } },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Write_BadValue_InvalidArgumentNamingTheFieldAndNothingChanges(string method, IMessage request, string message)
    {
        var before = host.Version();

        var result = await _client.AdminAsync(method, request, host.Staff());

        result.AssertStatus(3, message);
        Assert.Equal(before, host.Version());
    }

    [Theory]
    [MemberData(nameof(StateMisfits))]
    public async Task Write_DoesNotFitTheState_FailedPreconditionAndNothingChanges(string method, IMessage request, string message)
    {
        var before = host.Version();

        var result = await _client.AdminAsync(method, request, host.Staff());

        result.AssertStatus(9, message);
        Assert.Equal(before, host.Version());
    }

    [Theory]
    [MemberData(nameof(AlreadyInEffect))]
    public async Task Write_AlreadyInEffect_OkUnchangedAtTheCurrentVersionAndNothingWritten(string method, IMessage request)
    {
        var before = host.Version();

        var result = await _client.AdminAsync(method, request, host.Staff());

        result.AssertStatus(0);
        var response = WriteResponse.Parser.ParseFrom(result.Messages[0]);
        Assert.Equal((true, false, (ulong)before), (response.Unchanged, response.Replayed, response.StateVersion));
        Assert.Equal(before, host.Version());
    }

    [Fact]
    public async Task RegisterPatient_UnknownPractice_FailedPrecondition()
    {
        var before = host.Version();

        var result = await _client.AdminAsync("RegisterPatient", new RegisterPatientRequest
        {
            NhsNumber = AdminCalls.NewNhsNumber(), Ods = "C12345", DateOfBirth = "1980-05-05", RegistrationDate = "2010-01-01",
        }, host.Staff("C12345"));

        result.AssertStatus(9, "ods: is not a known practice");
        Assert.Equal(before, host.Version());
    }
}
