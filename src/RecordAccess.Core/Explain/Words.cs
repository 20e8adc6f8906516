using System.Globalization;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Explain;

/// <summary>How the explainer writes facts for staff.</summary>
internal static class Words
{
    private const int ChainShown = 4;

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Quote(string id) => $"'{id}'";

    /// <summary>Ids joined by arrows; a long chain keeps its first and last few ids, so a detail stays readable.</summary>
    public static string Chain(IEnumerable<string> ids)
    {
        var all = ids.Select(Quote).ToList();
        return all.Count <= ChainShown * 2
            ? string.Join(" → ", all)
            : string.Join(" → ", [.. all.Take(ChainShown), $"… {all.Count - (ChainShown * 2)} more …", .. all.TakeLast(ChainShown)]);
    }

    public static string Kind(EntryKind kind) => IsKnown(kind) ? WireNames.Of(kind) : "(unknown)";

    public static string Status(EntryStatus status) => IsKnown(status) ? WireNames.Of(status) : "(unknown)";

    public static bool IsKnown(EntryKind kind) => Enum.IsDefined(kind) && kind != EntryKind.Unknown;

    public static bool IsKnown(EntryStatus status) => Enum.IsDefined(status) && status != EntryStatus.Unknown;

    /// <summary>An individual grant compared with the code it may lift (rules 4 and 5: strictly after).</summary>
    public static string GrantAfter(InputDate grant, DateOnly code) =>
        !grant.IsValid ? "no individual grant after it"
        : grant.Value > code ? $"individual grant of {Day(grant.Value)} is after it"
        : $"individual grant of {Day(grant.Value)} is not after it";
}
