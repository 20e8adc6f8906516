namespace RecordAccess.Server.Gate;

/// <summary>The <c>Gate</c> configuration section: limits of <c>StreamEvaluate</c>.</summary>
internal sealed class GateOptions
{
    /// <summary>The most entries one streamed record may hold (across its chunks); beyond it, RESOURCE_EXHAUSTED.</summary>
    public int MaxEntriesPerRecord { get; set; } = 100_000;

    /// <summary>The most records open (sent but not yet completed) on one stream; beyond it, RESOURCE_EXHAUSTED.</summary>
    public int MaxOpenRecords { get; set; } = 16;

    /// <summary>The most decisions in one answer chunk of <c>StreamEvaluate</c>.</summary>
    public int ResponseChunkSize { get; set; } = 2_000;
}
