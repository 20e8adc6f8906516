namespace RecordAccess.Core.Policy.Events;

/// <summary>A clinician released a sensitive entry (lifts rule 11 for that entry only).</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="EntryId">The stable entry id supplied by the GP system.</param>
public sealed record EntryReleased(string NhsNumber, string EntryId) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.EntryReleased;
}
