namespace RecordAccess.Core.Policy.Events;

/// <summary>Staff set an individual access start date for the patient.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="StartDate">The individual start date.</param>
public sealed record IndividualStartDateSet(string NhsNumber, DateOnly StartDate) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.IndividualStartDateSet;
}
