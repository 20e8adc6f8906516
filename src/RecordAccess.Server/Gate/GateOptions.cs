namespace RecordAccess.Server.Gate;

/// <summary>The <c>Gate</c> configuration section: limits of <c>StreamEvaluate</c>.</summary>
internal sealed class GateOptions
{
    /// <summary>The most entries one streamed record may hold (across its chunks); beyond it, the record is refused (RESOURCE_EXHAUSTED).</summary>
    public int MaxEntriesPerRecord { get; set; } = 100_000;

    /// <summary>The most bytes of entries (as sent) one streamed record may hold; beyond it, the record is refused (RESOURCE_EXHAUSTED).</summary>
    public long MaxRecordBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The most security labels one entry may carry; more and its record is refused (RESOURCE_EXHAUSTED).</summary>
    public int MaxLabelsPerEntry { get; set; } = 32;

    /// <summary>The most records open (sent but not yet completed) on one stream; beyond it, the stream ends RESOURCE_EXHAUSTED.</summary>
    public int MaxOpenRecords { get; set; } = 16;

    /// <summary>The most records one caller may have open across all its streams on this server; beyond it, RESOURCE_EXHAUSTED.</summary>
    public int MaxOpenRecordsPerCaller { get; set; } = 64;

    /// <summary>The most decisions in one answer chunk of <c>StreamEvaluate</c>.</summary>
    public int ResponseChunkSize { get; set; } = 2_000;
}
