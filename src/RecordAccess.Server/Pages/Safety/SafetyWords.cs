using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages.Safety;

/// <summary>Plain words for the safety pages: incident categories, harm levels, outcomes and near-miss kinds as staff read them.</summary>
internal static class SafetyWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<(IncidentCategory Value, string Label, string? Hint)> Categories { get; } =
    [
        (IncidentCategory.AbuserReadRecord, "Someone who should not have read the record did", "For example an abuser who knows the patient's login read their record"),
        (IncidentCategory.ResultSeenBeforeClinicianCalled, "A result was seen before a clinician called", "The patient read a test result before it was discussed with them"),
        (IncidentCategory.ThirdPartyInformationShown, "Information about someone else was shown", "Third-party information was visible to the patient"),
        (IncidentCategory.HiddenDocumentCodeShown, "The code of a hidden document was shown", "A document was withheld but its code or title was visible"),
        (IncidentCategory.EntryHiddenInError, "An entry was hidden in error", "The patient could not see an entry they had a right to see"),
        (IncidentCategory.Other, "Other", null),
    ];

    public static IReadOnlyList<(HarmLevel Value, string Label)> HarmLevels { get; } =
    [
        (HarmLevel.NoHarm, "No harm"),
        (HarmLevel.Low, "Low harm"),
        (HarmLevel.Moderate, "Moderate harm"),
        (HarmLevel.Severe, "Severe harm"),
        (HarmLevel.Fatal, "Fatal"),
    ];

    public static IReadOnlyList<(IncidentOutcome Value, string Label, string Hint)> Outcomes { get; } =
    [
        (IncidentOutcome.NearMiss, "Near miss", "It was caught before it reached the patient"),
        (IncidentOutcome.Harm, "It reached the patient", "Choose the harm level above, no harm included"),
    ];

    public static string Category(IncidentCategory category) => Categories.FirstOrDefault(c => c.Value == category).Label ?? category.ToString();

    public static string Harm(HarmLevel harm) => HarmLevels.FirstOrDefault(h => h.Value == harm).Label ?? harm.ToString();

    public static string Outcome(IncidentOutcome outcome) => outcome == IncidentOutcome.NearMiss ? "Near miss" : "Reached the patient";

    public static string Kind(NearMissKind kind) => kind switch
    {
        NearMissKind.ShadowDifference => "The staged rule set would have answered differently",
        NearMissKind.DecisionUnavailable => "An entry could not be decided (input not trusted)",
        NearMissKind.AuditFailure => "Answered unavailable: the audit could not be written",
        NearMissKind.StaleStateRefusal => "Refused: this server's state was stale",
        NearMissKind.BatchRevertedSoon => "A batch coding was reverted soon after",
        NearMissKind.HideLiftedSoon => "A hide was lifted soon after it was made",
        _ => kind.ToString(),
    };

    /// <summary>An audited entry id as staff read it: the probes the pages and the patient app ask with (<c>$record-access</c>, <c>$patient-access</c>) are the patient-level question.</summary>
    public static string Entry(string entryId) => entryId.StartsWith('$') ? "patient-level question" : entryId;

    /// <summary>A reason as the audit or a replay names it (enum or wire name), in staff words.</summary>
    public static string Reason(string reason) =>
        Enum.TryParse<ReasonCode>(reason, ignoreCase: true, out var code) && Enum.IsDefined(code) ? ChangeWords.Reason(code)
        : WireNames.TryParseReason(reason, out var wire) ? ChangeWords.Reason(wire)
        : reason;

    /// <summary>A UK local date and time typed by staff (<c>YYYY-MM-DD</c>, <c>HH:MM</c>) as an instant, or null.</summary>
    public static DateTimeOffset? ParseUkTime(string? date, string? time)
    {
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(time?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return null;
        }

        var local = day.ToDateTime(clock);
        if (UkCalendar.Zone.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(local, UkCalendar.Zone.GetUtcOffset(local));
    }

    /// <summary>The start of a UK calendar day as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, UkCalendar.Zone.GetUtcOffset(local));
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, UkCalendar.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, UkCalendar.Zone).ToString("HH:mm", English);
}
