namespace RecordAccess.Core.Model;

/// <summary>
/// A version of the rule table the evaluators can decide with. The current one is the default; the previous one is
/// kept for the staged rollout (<see cref="Policy.GateFlags.RuleSet2025"/>, decision D11).
/// </summary>
public enum RuleSetVersion
{
    /// <summary>
    /// Rule set 2024.1 (<see cref="RuleSet.PreviousVersion"/>): an entry's <see cref="EntryFacts.Code"/> is ignored
    /// entirely, and every code and individual grant counts whatever its effective date (decision D4).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Spelled like the version string 2024.1.")]
    V2024_1 = 0,

    /// <summary>
    /// Rule set 2025.1 (<see cref="RuleSet.Version"/>): rule 11a (an entry recording an online-access code) and rule 0 for
    /// an entry's code; a 106 or an individual grant counts only from its effective date, a 103 or 104 at once.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Spelled like the version string 2025.1.")]
    V2025_1 = 1,
}
