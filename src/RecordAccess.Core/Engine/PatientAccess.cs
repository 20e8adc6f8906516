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

    /// <summary>The version of the rule set that gave this answer.</summary>
    public string RuleSetVersion => Model.RuleSet.VersionOf(RuleSet);
}
