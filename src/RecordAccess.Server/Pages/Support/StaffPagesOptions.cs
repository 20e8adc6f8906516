namespace RecordAccess.Server.Pages.Support;

/// <summary>The <c>StaffPages</c> section.</summary>
internal sealed class StaffPagesOptions
{
    /// <summary>A batch with more rows than this needs a second member of staff to approve it (dual control).</summary>
    public int DualControlThreshold { get; set; } = 50;
}
