namespace RecordAccess.Core.Policy.Events;

/// <summary>An entry was marked not visible online; keyed by the GP system's stable entry id, so it survives a practice move.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="EntryId">The stable entry id supplied by the GP system.</param>
public sealed record EntryRedacted(string NhsNumber, string EntryId) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.EntryRedacted;
}
