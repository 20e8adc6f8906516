namespace RecordAccess.Core.Engine;

/// <summary>
/// The patient-level answer for one request: the first of rules 0–7 that withholds everything, and the
/// dates rule 8 compares entries with. A value, never an exception; see <see cref="DecisionEngine.EvaluatePatient"/>.
/// </summary>
/// <param name="Reason">
/// <see cref="Model.ReasonCode.DecisionUnavailable"/> when the request cannot be trusted as a whole (see
/// <paramref name="Problem"/>); otherwise the first of rules 1–7 that applies, or <see cref="Model.ReasonCode.Visible"/>.
/// </param>
/// <param name="AccessStartDate">
/// Entries recorded on or after this date are prospective: the latest of the practice switch-on date, the
/// registration date and the individual start date. Null only when the request cannot be trusted.
/// </param>
/// <param name="HistoricFromDate">Historic access granted from this date, or null when none was granted (or the request cannot be trusted).</param>
/// <param name="Problem">Why the request cannot be trusted (rule 0, naming the field), or null.</param>
/// <param name="RuleSet">The rule set that gave this answer.</param>
public sealed record PatientAccess(Model.ReasonCode Reason, DateOnly? AccessStartDate, DateOnly? HistoricFromDate, InputProblem? Problem,
    Model.RuleSetVersion RuleSet = Model.RuleSetVersion.V2025_1)
{
    /// <summary>
    /// True when no patient-level rule withholds: entries recorded on or after <see cref="AccessStartDate"/>
    /// that are final, unredacted, unlabelled, record no online-access code (2025.1) and have no withheld parent are shown.
    /// </summary>
    public bool AccessAvailable => Reason == Model.ReasonCode.Visible;

    /// <summary>
    /// The earliest recorded date of an entry that may be shown: the access start, or the historic grant date if that is
    /// earlier (rule 8); null when access is not available. Access is available on a date exactly when this is on or
    /// before it: a final, unlabelled entry recorded that day is then visible.
    /// </summary>
    public DateOnly? VisibleFrom => AccessAvailable && AccessStartDate is { } start
        ? HistoricFromDate is { } historic && historic < start ? historic : start
        : null;

    /// <summary>True when entries recorded on <paramref name="date"/> may be shown (<see cref="VisibleFrom"/> is on or before it).</summary>
    /// <param name="date">The date, usually the evaluation date.</param>
    public bool AvailableOn(DateOnly date) => VisibleFrom <= date;

    /// <summary>The version of the rule set that gave this answer.</summary>
    public string RuleSetVersion => Model.RuleSet.VersionOf(RuleSet);
}
