namespace RecordAccess.Core.Policy.Events;

/// <summary>A safeguarding flag of the patient was resolved.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="FlagId">The id of the resolved flag.</param>
public sealed record SafeguardingFlagResolved(string NhsNumber, string FlagId) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.SafeguardingFlagResolved;
}
