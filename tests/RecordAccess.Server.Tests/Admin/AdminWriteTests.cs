using Google.Protobuf;
using RecordAccess.Core.Model;
using RecordAccess.Server.Contracts.V1;
using Actor = RecordAccess.Core.Policy.Actor;
using EntryKind = RecordAccess.Core.Model.EntryKind;
using EntryStatus = RecordAccess.Core.Model.EntryStatus;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

/// <summary>Every write of RecordAccessAdmin through the real host: success, the actor recorded, and the state version.</summary>
public sealed class AdminWriteTests(AdminHost host) : IClassFixture<AdminHost>, IDisposable
{
    private const string NewPractice = "B82005";
    private const string NewPracticeStaff = "staff-b82005";
    private readonly HttpClient _client = host.CreateGrpcClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task EveryWrite_InTurn_CommitsOneEventAtTheReturnedVersionWithTheTokensIdentity()
    {
        var token = host.Staff(NewPractice, NewPracticeStaff);
        var nhs = AdminCalls.NewNhsNumber();
        (string Method, IMessage Request, string Kind)[] steps =
        [
            ("SetPracticeSettings", new SetPracticeSettingsRequest { Ods = NewPractice, SwitchOnDate = "2023-10-31", Reason = "switch-on" }, "PracticeSettingsChanged"),
            ("RegisterPatient", new RegisterPatientRequest { NhsNumber = nhs, Ods = NewPractice, DateOfBirth = "1980-05-05", RegistrationDate = "2010-01-01", Reason = "joined" }, "PatientRegistered"),
            ("RecordPatientCode", new RecordPatientCodeRequest { NhsNumber = nhs, Code = "1364731000000104", EffectiveDate = "2024-01-02", Reason = "review" }, "PatientCodeRecorded"),
            ("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "risk" }, "PatientRestricted"),
            ("LiftRestriction", new PatientChangeRequest { NhsNumber = nhs, Reason = "reviewed" }, "PatientRestrictionLifted"),
            ("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "sg-1", Reason = "concern" }, "SafeguardingFlagRaised"),
            ("ResolveSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "sg-1", Reason = "resolved" }, "SafeguardingFlagResolved"),
            ("GrantIndividualAccess", new PatientDateRequest { NhsNumber = nhs, Date = "2024-02-01", Reason = "reviewed" }, "IndividualGrantGiven"),
            ("RevokeIndividualAccess", new PatientChangeRequest { NhsNumber = nhs, Reason = "in error" }, "IndividualGrantRevoked"),
            ("SetIndividualStartDate", new PatientDateRequest { NhsNumber = nhs, Date = "2024-03-01", Reason = "start" }, "IndividualStartDateSet"),
            ("RemoveIndividualStartDate", new PatientChangeRequest { NhsNumber = nhs, Reason = "in error" }, "IndividualStartDateRemoved"),
            ("GrantHistoricAccess", new PatientDateRequest { NhsNumber = nhs, Date = "2015-01-01", Reason = "asked" }, "HistoricAccessGranted"),
            ("RevokeHistoricAccess", new PatientChangeRequest { NhsNumber = nhs, Reason = "in error" }, "HistoricAccessRevoked"),
            ("RedactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "letter-1", Reason = "third party" }, "EntryRedacted"),
            ("UnredactEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "letter-1", Reason = "reviewed" }, "EntryUnredacted"),
            ("ReleaseEntry", new EntryChangeRequest { NhsNumber = nhs, EntryId = "result-1", Reason = "discussed" }, "EntryReleased"),
            ("WithdrawRelease", new EntryChangeRequest { NhsNumber = nhs, EntryId = "result-1", Reason = "in error" }, "EntryReleaseWithdrawn"),
        ];

        foreach (var (method, request, kind) in steps)
        {
            var before = host.Version();
            var result = await _client.AdminAsync(method, request, token);

            result.AssertStatus(0);
            var response = Assert.Single(result.Parse(WriteResponse.Parser));
            Assert.Equal((ulong)(before + 1), response.StateVersion);
            Assert.False(response.Replayed);
            var recorded = await host.EventAtAsync(before + 1);
            Assert.Equal(kind, recorded.Event.Change.Kind.ToString());
            Assert.Equal(Actor.Staff(NewPracticeStaff, NewPractice, AdminCalls.Role), recorded.Event.Actor);
        }
    }

    [Fact]
    public async Task RestrictPatient_Returns_WithholdingAlreadyInForceOnThisServer()
    {
        var nhs = await _client.RegisterNewPatientAsync(host);
        var entry = new EntryFacts { Id = "e1", RecordedDate = InputDate.Of(new DateOnly(2024, 1, 2)), Kind = EntryKind.Consultation, Status = EntryStatus.Final };
        var visible = await host.Runtime().Gate.EvaluateAsync("test", nhs, [entry]);

        var result = await _client.AdminAsync("RestrictPatient", new PatientChangeRequest { NhsNumber = nhs, Reason = "risk of harm" }, host.Staff());
        var answer = await host.Runtime().Gate.EvaluateAsync("test", nhs, [entry], atLeastVersion: (long)Assert.Single(result.Parse(WriteResponse.Parser)).StateVersion);

        Assert.Equal(ReasonCode.Visible, Assert.Single(visible.Decisions).Reason);
        Assert.Equal(ReasonCode.RestrictedRiskOfHarm, Assert.Single(answer.Decisions).Reason);
        Assert.False(answer.StateBehind);
    }

    [Fact]
    public async Task Write_BySupplierWithAdminScope_RecordsTheSupplierAsActor()
    {
        var nhs = await _client.RegisterNewPatientAsync(host);

        var result = await _client.AdminAsync("RaiseSafeguardingFlag", new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "f-9", Reason = "from the GP system" },
            host.Supplier(["gate.admin"], AdminCalls.Practice));

        result.AssertStatus(0);
        var recorded = await host.EventAtAsync((long)Assert.Single(result.Parse(WriteResponse.Parser)).StateVersion);
        Assert.Equal(Actor.Supplier("supplier-test"), recorded.Event.Actor);
        Assert.Equal("from the GP system", recorded.Event.Reason);
    }
}
