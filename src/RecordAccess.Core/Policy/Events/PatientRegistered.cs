namespace RecordAccess.Core.Policy.Events;

/// <summary>The patient registered at a practice; a registration at another practice is a move (everything else travels with the record).</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="Ods">The practice the patient is now registered at.</param>
/// <param name="DateOfBirth">The patient's date of birth.</param>
/// <param name="RegistrationDate">The date of registration at this practice.</param>
public sealed record PatientRegistered(string NhsNumber, string Ods, DateOnly DateOfBirth, DateOnly RegistrationDate) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.PatientRegistered;
}
