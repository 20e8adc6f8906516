namespace RecordAccess.Server.Admin;

/// <summary>The <c>Admin</c> configuration section: limits of RecordAccessAdmin.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The most NHS numbers one BatchCode request may carry; more is RESOURCE_EXHAUSTED (the message size limit applies too).</summary>
    public int MaxBatchRows { get; set; } = 100_000;

    /// <summary>How many events a WatchChanges stream reads from the store at a time (its memory bound).</summary>
    public int WatchPageSize { get; set; } = 256;

    /// <summary>How many patients' practices a WatchChanges stream remembers before it starts over (looking them up again).</summary>
    public int WatchPracticeCacheSize { get; set; } = 100_000;
}
