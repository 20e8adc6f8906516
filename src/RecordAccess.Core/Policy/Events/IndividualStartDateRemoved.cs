namespace RecordAccess.Core.Policy.Events;

/// <summary>The patient's individual access start date was removed.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
public sealed record IndividualStartDateRemoved(string NhsNumber) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.IndividualStartDateRemoved;
}
