namespace RecordAccess.Core.Model;

/// <summary>
/// The decision for one entry: a value, never an exception. <see cref="Visible"/> follows from
/// <see cref="Reason"/>, so the two cannot disagree.
/// </summary>
/// <param name="EntryId">The entry's id as given in the request.</param>
/// <param name="Reason">Why the entry is withheld, or <see cref="ReasonCode.Visible"/>.</param>
public readonly record struct Decision(string EntryId, ReasonCode Reason)
{
    /// <summary>True when the patient may see the entry.</summary>
    public bool Visible => Reason == ReasonCode.Visible;

    /// <summary>The version of the rule set that made this decision.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the decision value; one rule set per build today.")]
    public string RuleSetVersion => RuleSet.Version;
}
