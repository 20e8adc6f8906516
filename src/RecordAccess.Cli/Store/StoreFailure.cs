using System.Data.Common;

namespace RecordAccess.Cli.Store;

/// <summary>Which exceptions mean "the store failed" (exit code 1) rather than a bug.</summary>
internal static class StoreFailure
{
    public static bool Is(Exception e) => e is DbException or IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException;
}
