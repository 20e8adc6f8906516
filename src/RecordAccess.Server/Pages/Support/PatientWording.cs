namespace RecordAccess.Server.Pages.Support;

/// <summary>
/// The words a patient app shows for the <c>$record-access</c> answer (<c>available</c>, <c>recordedFrom</c>): one
/// sentence for every cause of "not available", so a flag or a restriction is never revealed.
/// </summary>
internal static class PatientWording
{
    public const string NotAvailable = "Your GP health record is not available to view online at the moment. Contact your GP surgery if you want to know more.";

    public const string Available = "You can view your GP health record online.";
}
