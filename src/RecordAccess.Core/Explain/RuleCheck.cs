using RecordAccess.Core.Model;

namespace RecordAccess.Core.Explain;

/// <summary>One rule of the rule table as applied to one entry, with the facts it read, for staff (never for the patient).</summary>
/// <param name="Rule">The rule's number (0–12) in the rule table; 11 for rule 11a (see <see cref="Name"/>).</param>
/// <param name="Reason">The reason code the rule gives when it applies.</param>
/// <param name="Applies">
/// Whether the rule withholds the entry on its own. Several rules may apply; the first that applies decides.
/// A rule whose facts cannot be read (the request or the fact is untrusted) does not apply, and says so.
/// </param>
/// <param name="Detail">The facts the rule read, in words, e.g. <c>latest of 104/106 is 104 of 2024-02-01; no individual grant after it</c>.</param>
public sealed record RuleCheck(int Rule, ReasonCode Reason, bool Applies, string Detail)
{
    /// <summary>The rule's name in the rule table: its number, or <c>11a</c> for the online-access code rule of rule set 2025.1.</summary>
    public string Name => Reason == ReasonCode.AccessControlCode ? "11a" : Rule.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
