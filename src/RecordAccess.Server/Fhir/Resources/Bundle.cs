using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Resources;

/// <summary>FHIR R4 Bundle as this server writes it: a type and entries (no total, no links, no id or timestamp).</summary>
internal sealed record Bundle(string Type, IReadOnlyList<Bundle.EntryComponent> Entry)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "Bundle";

    /// <summary>One entry: its full URL, if the sender gave one, and the resource, passed through as JSON.</summary>
    internal sealed record EntryComponent(string? FullUrl, JsonNode Resource);
}
