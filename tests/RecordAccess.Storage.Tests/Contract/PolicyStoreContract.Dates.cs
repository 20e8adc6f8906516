using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>Date limits of every admin date field (decision A9): the clock's UK date is 2024-10-15.</summary>
public abstract partial class PolicyStoreContract
{
    private const string Today = "2024-10-15";
    private const string Tomorrow = "2024-10-16";
    private const string LastSchedulable = "2025-10-16"; // today + 366 days
    private const string FirstUnschedulable = "2025-10-17";

    /// <summary>Each date field, written with the given date on a seeded store (patient 1 registered, nothing else).</summary>
    private static readonly Dictionary<string, Func<PolicyAdmin, string, Task<AdminResult>>> DateFields = new()
    {
        ["switchOnDate"] = (a, d) => a.SetPracticeSettingsAsync(Because(), Ods, d, false),
        ["dateOfBirth"] = (a, d) => a.RegisterPatientAsync(Because(), Patient(9), Ods, d, "2010-01-01"),
        ["registrationDate"] = (a, d) => a.RegisterPatientAsync(Because(), Patient(9), Ods, "1900-01-01", d),
        ["effectiveDate"] = (a, d) => a.RecordPatientCodeAsync(Because(), Patient(1), Review, d),
        ["batch effectiveDate"] = (a, d) => ToAdminResult(a.BatchCodeAsync(Because(), Batch([Patient(1)]) with { EffectiveDate = d })),
        ["grantDate"] = (a, d) => a.GrantIndividualAccessAsync(Because(), Patient(1), d),
        ["startDate"] = (a, d) => a.SetIndividualStartDateAsync(Because(), Patient(1), d),
        ["fromDate"] = (a, d) => a.GrantHistoricAccessAsync(Because(), Patient(1), d),
    };

    /// <summary>field, latest accepted, first refused after it.</summary>
    public static TheoryData<string, string, string> DateLimits => new()
    {
        { "switchOnDate", LastSchedulable, FirstUnschedulable },
        { "startDate", LastSchedulable, FirstUnschedulable },
        { "dateOfBirth", Today, Tomorrow },
        { "registrationDate", Today, Tomorrow },
        { "effectiveDate", Today, Tomorrow },
        { "batch effectiveDate", Today, Tomorrow },
        { "grantDate", Today, Tomorrow },
        { "fromDate", Today, Tomorrow },
    };

    [Theory]
    [MemberData(nameof(DateLimits))]
    public async Task AdminDate_AtLatestAccepted_OneDayLaterRefusedNamingField(string field, string latest, string tooLate)
    {
        await SeedAsync(patients: 1);
        var write = DateFields[field];

        var refused = await write(Admin, tooLate);
        var versionAfterRefusal = await Store.ReadVersionAsync();
        var accepted = await write(Admin, latest);

        Assert.Equal(AdminRejection.InvalidInput, refused.Rejection);
        Assert.Equal(field.Replace("batch ", string.Empty, StringComparison.Ordinal), Assert.Single(refused.Problems).Field);
        Assert.True(accepted.Succeeded, accepted.ToString());
        Assert.Equal(versionAfterRefusal + 1, await Store.ReadVersionAsync());
    }

    [Theory]
    [MemberData(nameof(DateLimits))]
    public async Task AdminDate_Before1900_RefusedAnd1900Accepted(string field, string latest, string tooLate)
    {
        _ = (latest, tooLate);
        await SeedAsync(patients: 1);
        var write = DateFields[field];

        var refused = await write(Admin, "1899-12-31");
        var accepted = await write(Admin, "1900-01-01");

        Assert.Equal(AdminRejection.InvalidInput, refused.Rejection);
        Assert.Contains("1900-01-01", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);
        Assert.True(accepted.Succeeded, accepted.ToString());
    }

    private static async Task<AdminResult> ToAdminResult(Task<BatchCodingResult> batch)
    {
        var result = await batch;
        return result.Succeeded
            ? new AdminResult { Version = result.Version }
            : AdminResult.Rejected(result.Problems, result.Rejection);
    }
}
