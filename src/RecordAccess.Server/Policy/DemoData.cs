using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Server.Policy;

/// <summary>
/// Demo practices and patients for development runs (<c>Policy:SeedDemoData</c>), one per patient-level rule, so a
/// newcomer sees every answer. Written through <see cref="PolicyAdmin"/> like any other change, as the system actor.
/// Dates are relative to today so the demo stays true (the under-16 patient stays under 16).
/// </summary>
internal static class DemoData
{
    /// <summary>Switched on 2023-10-31, not opted out.</summary>
    public const string SwitchedOnPractice = "A81001";

    /// <summary>Opted out of automatic access.</summary>
    public const string OptedOutPractice = "A81002";

    /// <summary>Switches on 30 days from today.</summary>
    public const string NotYetSwitchedOnPractice = "A81003";

    /// <summary>The demo patients: NHS number, practice, and what the demo shows.</summary>
    public static IReadOnlyList<(string NhsNumber, string Ods, string Shows)> Patients { get; } =
    [
        ("9434765919", SwitchedOnPractice, "Visible (prospective entries); an entry redacted here; historic access from 2015-01-01"),
        ("9434765900", SwitchedOnPractice, "PatientUnder16"),
        ("9434765927", SwitchedOnPractice, "PatientDeclined (103)"),
        ("9434765935", SwitchedOnPractice, "EnhancedReviewRequired (104)"),
        ("9434765943", SwitchedOnPractice, "104 lifted by a later individual grant: Visible"),
        ("9434765951", SwitchedOnPractice, "RestrictedRiskOfHarm"),
        ("9434765978", SwitchedOnPractice, "SafeguardingFlag"),
        ("9434765986", OptedOutPractice, "PracticeOptedOut"),
        ("9434765994", OptedOutPractice, "opted-out practice, individual grant: Visible"),
        ("9434766001", NotYetSwitchedOnPractice, "RolloutNotActive (switch-on in 30 days)"),
    ];

    /// <summary>The stable id of the entry the demo redacts for patient 9434765919.</summary>
    public const string RedactedEntryId = "demo-letter-third-party";

    public static async Task SeedAsync(PolicyAdmin admin, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateAt(clock.GetUtcNow());
        var why = new ChangeContext(Actor.System("demo-data"), "demo data for a development run");

        await Check(admin.SetPracticeSettingsAsync(why, SwitchedOnPractice, "2023-10-31", optedOut: false, cancellationToken));
        await Check(admin.SetPracticeSettingsAsync(why, OptedOutPractice, "2023-10-31", optedOut: true, cancellationToken));
        await Check(admin.SetPracticeSettingsAsync(why, NotYetSwitchedOnPractice, Text(today.AddDays(30)), optedOut: false, cancellationToken));

        foreach (var (nhs, ods, _) in Patients)
        {
            var born = nhs == "9434765900" ? Text(today.AddYears(-10)) : "1980-05-05";
            await Check(admin.RegisterPatientAsync(why, nhs, ods, born, "2010-01-01", cancellationToken));
        }

        await Check(admin.GrantHistoricAccessAsync(why, "9434765919", "2015-01-01", cancellationToken));
        await Check(admin.RedactEntryAsync(why, "9434765919", RedactedEntryId, cancellationToken));
        await Check(admin.RecordPatientCodeAsync(why, "9434765927", "1290331000000103", "2024-01-10", cancellationToken));
        await Check(admin.RecordPatientCodeAsync(why, "9434765935", "1364731000000104", "2023-10-20", cancellationToken));
        await Check(admin.RecordPatientCodeAsync(why, "9434765943", "1364731000000104", "2023-10-20", cancellationToken));
        await Check(admin.GrantIndividualAccessAsync(why, "9434765943", "2024-02-01", cancellationToken));
        await Check(admin.RestrictPatientAsync(why, "9434765951", cancellationToken));
        await Check(admin.RaiseSafeguardingFlagAsync(why, "9434765978", "demo-flag-1", cancellationToken));
        await Check(admin.GrantIndividualAccessAsync(why, "9434765994", "2024-03-01", cancellationToken));
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task Check(Task<AdminResult> write)
    {
        var result = await write.ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo data was rejected: {result}");
        }
    }
}
