namespace RecordAccess.Core.Policy.Events;

/// <summary>The patient's historic access grant was revoked.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
public sealed record HistoricAccessRevoked(string NhsNumber) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.HistoricAccessRevoked;
}
