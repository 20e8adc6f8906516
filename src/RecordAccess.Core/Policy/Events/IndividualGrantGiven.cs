namespace RecordAccess.Core.Policy.Events;

/// <summary>Staff granted the patient access individually (overrides rules 2, 4 and 5 when dated after the blocking code).</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="GrantDate">The date of the grant.</param>
public sealed record IndividualGrantGiven(string NhsNumber, DateOnly GrantDate) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.IndividualGrantGiven;
}
