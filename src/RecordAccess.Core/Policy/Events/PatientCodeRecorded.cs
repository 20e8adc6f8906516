namespace RecordAccess.Core.Policy.Events;

/// <summary>A SNOMED CT access code (103, 104 or 106) was recorded for the patient.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="Code">The concept id.</param>
/// <param name="EffectiveDate">When the code takes effect.</param>
public sealed record PatientCodeRecorded(string NhsNumber, string Code, DateOnly EffectiveDate) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.PatientCodeRecorded;
}
