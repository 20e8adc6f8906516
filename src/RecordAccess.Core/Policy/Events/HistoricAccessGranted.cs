namespace RecordAccess.Core.Policy.Events;

/// <summary>Staff granted the patient access to historic entries from a date.</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
/// <param name="FromDate">Entries recorded on or after this date are covered.</param>
public sealed record HistoricAccessGranted(string NhsNumber, DateOnly FromDate) : PatientChange(NhsNumber)
{
    /// <inheritdoc />
    public override PolicyChangeKind Kind => PolicyChangeKind.HistoricAccessGranted;
}
