using RecordAccess.Core.Model;

namespace RecordAccess.Server.Gate;

/// <summary>A streamed record whose chunks are still arriving (or, once refused, whose chunks are dropped until its last).</summary>
internal sealed class OpenRecord(string nhsNumber, ulong minStateVersion)
{
    public string NhsNumber { get; } = nhsNumber;

    public ulong MinStateVersion { get; } = minStateVersion;

    public List<EntryFacts> Entries { get; } = [];

    /// <summary>Bytes of entries received (as sent on the wire).</summary>
    public long Bytes { get; set; }

    /// <summary>True once the record was answered with an error: its later chunks are read and dropped.</summary>
    public bool Refused { get; private set; }

    public void Refuse()
    {
        Refused = true;
        Entries.Clear();
        Entries.TrimExcess();
    }
}
