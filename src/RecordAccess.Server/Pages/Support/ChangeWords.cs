using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Server.Pages.Support;

/// <summary>Plain words for staff: changes, codes, reasons and dates as the pages show them.</summary>
internal static class ChangeWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "None";

    public static string When(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, UkCalendar.Zone).ToString("d MMM yyyy HH:mm", English);

    /// <summary>The displayed form of an NHS number, <c>943 476 5919</c>.</summary>
    public static string Nhs(string nhs) => nhs.Length == 10 ? $"{nhs[..3]} {nhs[3..6]} {nhs[6..]}" : nhs;

    public static string Code(string code) => code switch
    {
        "1290331000000103" => "103: online access declined by patient",
        "1364731000000104" => "104: enhanced review indicated",
        "1364751000000106" => "106: enhanced review not indicated",
        _ => code,
    };

    public static string Describe(PolicyChange change) => change switch
    {
        PracticeSettingsChanged p => $"Practice settings: switch-on {Date(p.SwitchOnDate)}, {(p.OptedOut ? "opted out" : "not opted out")}",
        PatientRegistered p => $"{Nhs(p.NhsNumber)} registered at {p.Ods} on {Date(p.RegistrationDate)}",
        PatientCodeRecorded p => $"{Nhs(p.NhsNumber)}: code {Code(p.Code)}, effective {Date(p.EffectiveDate)}",
        PatientRestricted p => $"{Nhs(p.NhsNumber)}: restricted",
        PatientRestrictionLifted p => $"{Nhs(p.NhsNumber)}: restriction lifted",
        SafeguardingFlagRaised p => $"{Nhs(p.NhsNumber)}: safeguarding flag {p.FlagId} raised",
        SafeguardingFlagResolved p => $"{Nhs(p.NhsNumber)}: safeguarding flag {p.FlagId} lifted",
        IndividualGrantGiven p => $"{Nhs(p.NhsNumber)}: individual access granted from {Date(p.GrantDate)}",
        IndividualGrantRevoked p => $"{Nhs(p.NhsNumber)}: individual access revoked",
        IndividualStartDateSet p => $"{Nhs(p.NhsNumber)}: individual start date {Date(p.StartDate)}",
        IndividualStartDateRemoved p => $"{Nhs(p.NhsNumber)}: individual start date removed",
        HistoricAccessGranted p => $"{Nhs(p.NhsNumber)}: historic access from {Date(p.FromDate)}",
        HistoricAccessRevoked p => $"{Nhs(p.NhsNumber)}: historic access revoked",
        EntryRedacted p => $"{Nhs(p.NhsNumber)}: entry {p.EntryId} redacted",
        EntryUnredacted p => $"{Nhs(p.NhsNumber)}: entry {p.EntryId} unredacted",
        EntryReleased p => $"{Nhs(p.NhsNumber)}: entry {p.EntryId} released",
        EntryReleaseWithdrawn p => $"{Nhs(p.NhsNumber)}: release of entry {p.EntryId} withdrawn",
        _ => change.Kind.ToString(),
    };

    /// <summary>The staff-facing name of a reason (never shown to the patient).</summary>
    public static string Reason(ReasonCode reason) => reason switch
    {
        ReasonCode.Visible => "Visible",
        ReasonCode.DecisionUnavailable => "Withheld: the input cannot be trusted (rule 0)",
        ReasonCode.RolloutNotActive => "Withheld: online access not switched on (rule 1)",
        ReasonCode.PracticeOptedOut => "Withheld: the practice opted out (rule 2)",
        ReasonCode.PatientUnder16 => "Withheld: patient under 16 (rule 3)",
        ReasonCode.PatientDeclined => "Withheld: patient declined, code 103 (rule 4)",
        ReasonCode.EnhancedReviewRequired => "Withheld: enhanced review indicated, code 104 (rule 5)",
        ReasonCode.RestrictedRiskOfHarm => "Withheld: patient restricted, risk of serious harm (rule 6)",
        ReasonCode.SafeguardingFlag => "Withheld: safeguarding flag (rule 7)",
        ReasonCode.BeforeAccessStart => "Withheld: recorded before the access start (rule 8)",
        ReasonCode.NotFinal => "Withheld: not final, or a diary entry (rule 9)",
        ReasonCode.EntryRedacted => "Withheld: entry redacted (rule 10)",
        ReasonCode.EntrySensitive => "Withheld: sensitive label, not released (rule 11)",
        ReasonCode.AccessControlCode => "Withheld: records an online-access code (rule 11a)",
        ReasonCode.ParentWithheld => "Withheld: a parent entry is withheld (rule 12)",
        _ => WireNames.Of(reason),
    };
}
