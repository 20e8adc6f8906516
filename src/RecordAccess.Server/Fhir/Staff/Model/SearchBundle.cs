using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>A FHIR R4 searchset Bundle: the total, the self link, and every match.</summary>
internal sealed record SearchBundle(int Total, IReadOnlyList<SearchBundle.LinkComponent> Link, IReadOnlyList<SearchBundle.EntryComponent> Entry)
{
    [JsonPropertyOrder(-2)]
    public string ResourceType { get; } = "Bundle";

    [JsonPropertyOrder(-1)]
    public string Type { get; } = "searchset";

    internal sealed record LinkComponent(string Relation, string Url);

    internal sealed record EntryComponent(string FullUrl, object Resource, SearchComponent Search);

    internal sealed record SearchComponent(string Mode);
}
