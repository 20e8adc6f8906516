namespace RecordAccess.Core.Policy;

/// <summary>
/// A set of strings kept as null (empty), one string, or a <see cref="HashSet{T}"/>: most patients have
/// no or one redacted entry, and a national state holds millions of patients, so a set object each
/// would double the memory the state needs and the time to load it.
/// </summary>
internal static class SmallSet
{
    public static bool Contains(object? set, string item) => set switch
    {
        null => false,
        string one => one == item,
        HashSet<string> many => many.Contains(item),
        _ => false,
    };

    public static void Add(ref object? set, string item)
    {
        switch (set)
        {
            case null:
                set = item;
                break;
            case string one when one != item:
                set = new HashSet<string>(StringComparer.Ordinal) { one, item };
                break;
            case HashSet<string> many:
                many.Add(item);
                break;
        }
    }

    public static void Remove(ref object? set, string item)
    {
        switch (set)
        {
            case string one when one == item:
                set = null;
                break;
            case HashSet<string> many:
                many.Remove(item);
                if (many.Count == 0)
                {
                    set = null;
                }

                break;
        }
    }

    public static IReadOnlyList<string> Sorted(object? set) => set switch
    {
        null => [],
        string one => [one],
        HashSet<string> many => [.. many.Order(StringComparer.Ordinal)],
        _ => [],
    };
}
