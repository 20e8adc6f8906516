namespace RecordAccess.Core.Policy.Events;

/// <summary>Staff restricted the patient (risk of serious harm).</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
public sealed record PatientRestricted(string NhsNumber) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.PatientRestricted;
}
