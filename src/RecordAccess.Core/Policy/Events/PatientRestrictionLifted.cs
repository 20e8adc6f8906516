namespace RecordAccess.Core.Policy.Events;

/// <summary>Staff lifted the patient's restriction.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
public sealed record PatientRestrictionLifted(string NhsNumber) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.PatientRestrictionLifted;
}
