namespace RecordAccess.Core.Policy.Events;

/// <summary>A safeguarding flag was raised for the patient.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="FlagId">The flag's id, unique among the patient's active flags.</param>
public sealed record SafeguardingFlagRaised(string NhsNumber, string FlagId) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.SafeguardingFlagRaised;
}
