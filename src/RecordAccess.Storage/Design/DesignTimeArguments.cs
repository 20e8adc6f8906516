namespace RecordAccess.Storage.Design;

/// <summary>Reads what <c>dotnet ef ... -- --connection "..."</c> passes to the design-time factories.</summary>
internal static class DesignTimeArguments
{
    /// <summary>The value after <c>--connection</c>, or <paramref name="fallback"/> when there is none.</summary>
    public static string Connection(string[] args, string fallback)
    {
        var at = Array.IndexOf(args, "--connection");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
