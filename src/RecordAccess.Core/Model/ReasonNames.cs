namespace RecordAccess.Core.Model;

/// <summary>Reason spellings, computed once so that writing a decision allocates nothing.</summary>
internal static class ReasonNames
{
    private static readonly string[] Names = Enum.GetValues<ReasonCode>().Select(r => r.ToString()).ToArray();

    public static string Of(ReasonCode reason) => Names[(int)reason];

    public static bool TryParse(string? text, out ReasonCode reason)
    {
        var i = text is null ? -1 : Array.IndexOf(Names, text);
        reason = i >= 0 ? (ReasonCode)i : ReasonCode.DecisionUnavailable;
        return i >= 0;
    }
}
