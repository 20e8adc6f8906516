using RecordAccess.Core.Model;

namespace RecordAccess.Server.Gate;

/// <summary>A streamed record whose chunks are still arriving.</summary>
internal sealed class OpenRecord(string nhsNumber, ulong minStateVersion)
{
    public string NhsNumber { get; } = nhsNumber;

    public ulong MinStateVersion { get; } = minStateVersion;

    public List<EntryFacts> Entries { get; } = [];
}
