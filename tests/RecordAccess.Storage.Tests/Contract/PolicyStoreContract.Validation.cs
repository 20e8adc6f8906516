using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    private static readonly ChangeContext NoReason = new(Staff, "  ");
    private static readonly ChangeContext OtherPracticeStaff = new(Actor.Staff("staff-9", OtherOds, "R8000"), "why");

    private static readonly Dictionary<string, (string Field, Func<PolicyAdmin, Task<AdminResult>> Call)> BadCalls = new()
    {
        ["settings: lower-case ODS"] = ("ods", a => a.SetPracticeSettingsAsync(Because(), "a81001", "2023-10-31", false)),
        ["settings: 30 February"] = ("switchOnDate", a => a.SetPracticeSettingsAsync(Because(), Ods, "2023-02-30", false)),
        ["settings: no reason"] = ("reason", a => a.SetPracticeSettingsAsync(NoReason, Ods, "2023-10-31", true)),
        ["settings: staff of another practice"] = ("actor.ods", a => a.SetPracticeSettingsAsync(OtherPracticeStaff, Ods, "2023-10-31", true)),
        ["register: bad check digit"] = ("nhsNumber", a => a.RegisterPatientAsync(Because(), TestNhs.WithBadCheckDigit(Patient(50)), Ods, "1980-05-05", "2010-01-01")),
        ["register: birth in the future"] = ("dateOfBirth", a => a.RegisterPatientAsync(Because(), Patient(50), Ods, "2099-05-05", "2010-01-01")),
        ["register: unknown practice"] = ("ods", a => a.RegisterPatientAsync(new ChangeContext(Actor.Supplier("s"), null), Patient(50), "C12345", "1980-05-05", "2010-01-01")),
        ["register: registration date missing"] = ("registrationDate", a => a.RegisterPatientAsync(Because(), Patient(50), Ods, "1980-05-05", null)),
        ["code: not an access code"] = ("code", a => a.RecordPatientCodeAsync(Because(), Patient(1), "22298006", "2024-01-01")),
        ["code: bad Verhoeff digit"] = ("code", a => a.RecordPatientCodeAsync(Because(), Patient(1), "1364731000000105", "2024-01-01")),
        ["code: effective in the future"] = ("effectiveDate", a => a.RecordPatientCodeAsync(Because(), Patient(1), "1364731000000104", "2099-01-01")),
        ["code: unknown patient"] = ("nhsNumber", a => a.RecordPatientCodeAsync(Because(), Patient(50), "1364731000000104", "2024-01-01")),
        ["code: no reason"] = ("reason", a => a.RecordPatientCodeAsync(NoReason, Patient(1), "1364731000000104", "2024-01-01")),
        ["restrict: nine digits"] = ("nhsNumber", a => a.RestrictPatientAsync(Because(), "943476591")),
        ["restrict: staff of another practice"] = ("actor.ods", a => a.RestrictPatientAsync(OtherPracticeStaff, Patient(1))),
        ["restrict: reason too long"] = ("reason", a => a.RestrictPatientAsync(new ChangeContext(Staff, new string('x', 3000)), Patient(1))),
        ["lift: not restricted"] = ("nhsNumber", a => a.LiftRestrictionAsync(Because(), Patient(1))),
        ["flag: empty id"] = ("flagId", a => a.RaiseSafeguardingFlagAsync(Because(), Patient(1), "")),
        ["flag: no reason"] = ("reason", a => a.RaiseSafeguardingFlagAsync(new ChangeContext(Staff, null), Patient(1), "f1")),
        ["resolve: no such flag"] = ("flagId", a => a.ResolveSafeguardingFlagAsync(Because(), Patient(1), "f-unknown")),
        ["grant: month 13"] = ("grantDate", a => a.GrantIndividualAccessAsync(Because(), Patient(1), "2024-13-01")),
        ["revoke grant: none"] = ("nhsNumber", a => a.RevokeIndividualAccessAsync(Because(), Patient(1))),
        ["start date: not a date"] = ("startDate", a => a.SetIndividualStartDateAsync(Because(), Patient(1), "tomorrow")),
        ["remove start date: none"] = ("nhsNumber", a => a.RemoveIndividualStartDateAsync(Because(), Patient(1))),
        ["historic: in the future"] = ("fromDate", a => a.GrantHistoricAccessAsync(Because(), Patient(1), "2099-01-01")),
        ["revoke historic: none"] = ("nhsNumber", a => a.RevokeHistoricAccessAsync(Because(), Patient(1))),
        ["redact: control character"] = ("entryId", a => a.RedactEntryAsync(Because(), Patient(1), "e\n1")),
        ["redact: no reason"] = ("reason", a => a.RedactEntryAsync(NoReason, Patient(1), "e1")),
        ["unredact: not redacted"] = ("entryId", a => a.UnredactEntryAsync(Because(), Patient(1), "e1")),
        ["release: id too long"] = ("entryId", a => a.ReleaseEntryAsync(Because(), Patient(1), new string('e', 200))),
        ["withdraw release: not released"] = ("entryId", a => a.WithdrawReleaseAsync(Because(), Patient(1), "e1")),
        ["actor: staff without role"] = ("actor.role", a => a.RestrictPatientAsync(new ChangeContext(Actor.Staff("u", Ods, ""), "why"), Patient(1))),
        ["actor: supplier without id"] = ("actor.id", a => a.RestrictPatientAsync(new ChangeContext(Actor.Supplier(" "), "why"), Patient(1))),
        ["actor: staff with bad ODS"] = ("actor.ods", a => a.RestrictPatientAsync(new ChangeContext(Actor.Staff("u", "XX", "R8000"), "why"), Patient(1))),
    };

    public static TheoryData<string> BadCallNames => [.. BadCalls.Keys];

    [Theory]
    [MemberData(nameof(BadCallNames))]
    public async Task AdminOperation_BadInput_RejectedNamingFieldAndNothingChanged(string name)
    {
        await SeedAsync(patients: 1);
        var versionBefore = await Store.ReadVersionAsync();
        var patientBefore = State.FindPatient(Patient(1));
        var (field, call) = BadCalls[name];

        var result = await call(Admin);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems, p => p.Field == field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Equal(versionBefore, await Store.ReadVersionAsync());
        Assert.Equal(versionBefore, State.Version);
        Assert.Equivalent(patientBefore, State.FindPatient(Patient(1)));
        Assert.Null(State.FindPatient(Patient(50)));
    }

    [Fact]
    public async Task AdminOperation_StaleServer_ValidatesAgainstLatestState()
    {
        await SeedAsync(patients: 1);
        var other = await OtherServerAsync();
        Ok(await other.RestrictPatientAsync(Because(), Patient(1)));

        // This server has not seen the restriction yet; its lift must be decided on the latest state.
        Assert.False(State.FindPatient(Patient(1))!.Restricted);
        var lift = await Admin.LiftRestrictionAsync(Because("restriction reviewed"), Patient(1));

        Ok(lift);
        Assert.False(State.FindPatient(Patient(1))!.Restricted);
        var again = await other.RestrictPatientAsync(Because(), Patient(1));
        Ok(again);
        Assert.Equal(lift.Version + 1, again.Version);
    }
}
