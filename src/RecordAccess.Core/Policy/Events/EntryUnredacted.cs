namespace RecordAccess.Core.Policy.Events;

/// <summary>An entry's redaction was removed.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="EntryId">The stable entry id supplied by the GP system.</param>
public sealed record EntryUnredacted(string NhsNumber, string EntryId) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.EntryUnredacted;
}
