namespace RecordAccess.Core.Policy.Events;

/// <summary>A clinician's release of a sensitive entry was withdrawn.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="EntryId">The stable entry id supplied by the GP system.</param>
public sealed record EntryReleaseWithdrawn(string NhsNumber, string EntryId) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.EntryReleaseWithdrawn;
}
