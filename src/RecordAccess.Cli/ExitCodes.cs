namespace RecordAccess.Cli;

/// <summary>The process exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Something went wrong that is not the input's fault (I/O, the store).</summary>
    public const int Failure = 1;

    /// <summary>The input is not acceptable (not a case, unreadable file, bad option value).</summary>
    public const int BadInput = 2;
}
