namespace RecordAccess.Core.Policy.Events;

/// <summary>The patient's individual grant was revoked.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
public sealed record IndividualGrantRevoked(string NhsNumber) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.IndividualGrantRevoked;
}
