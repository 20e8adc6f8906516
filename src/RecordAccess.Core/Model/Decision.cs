namespace RecordAccess.Core.Model;

/// <summary>
/// The decision for one entry: a value, never an exception. <see cref="Visible"/> follows from
/// <see cref="Reason"/>, so the two cannot disagree.
/// </summary>
/// <param name="EntryId">The entry's id as given in the request.</param>
/// <param name="Reason">Why the entry is withheld, or <see cref="ReasonCode.Visible"/>.</param>
/// <param name="RuleSet">The rule set that decided (the current one unless the request asked for another).</param>
public readonly record struct Decision(string EntryId, ReasonCode Reason, RuleSetVersion RuleSet = RuleSetVersion.V2025_1)
{
    /// <summary>True when the patient may see the entry.</summary>
    public bool Visible => Reason == ReasonCode.Visible;

    /// <summary>The version of the rule set that made this decision.</summary>
    public string RuleSetVersion => Model.RuleSet.VersionOf(RuleSet);
}
