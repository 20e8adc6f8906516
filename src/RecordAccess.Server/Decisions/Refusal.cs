namespace RecordAccess.Server.Decisions;

/// <summary>A refusal: its kind (the edge maps it to a status), the request field it concerns, and a message for the caller.</summary>
internal sealed record Refusal(RefusalKind Kind, string Field, string Detail)
{
    /// <summary>The one message for every caller not entitled to a patient: it names no practice and says nothing about registration elsewhere.</summary>
    public const string NotEntitledDetail = "no patient with this NHS number is registered at a practice the caller may act for.";

    public static Refusal NotEntitled { get; } = new(RefusalKind.NotEntitled, "nhs_number", NotEntitledDetail);
}
