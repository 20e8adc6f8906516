namespace RecordAccess.Core.Policy.Events;

/// <summary>The practice's settings were set (full replacement of both values).</summary>
/// <param name="Ods">The practice's ODS code.</param>
/// <param name="SwitchOnDate">The date from which prospective access applies.</param>
/// <param name="OptedOut">The practice opted out of automatic access.</param>
public sealed record PracticeSettingsChanged(string Ods, DateOnly SwitchOnDate, bool OptedOut) : PracticeChange(Ods)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.PracticeSettingsChanged;
}
