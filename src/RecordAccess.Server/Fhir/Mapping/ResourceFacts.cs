using System.Text.Json.Nodes;
using RecordAccess.Core.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>What one record resource says about itself: its kind, status, recorded date, and the reference to its context (parent), if any.</summary>
/// <remarks>
/// ContextReferences: the Reference objects naming the resource's context (an encounter); more than one cannot be a single parent.
/// Code: the SNOMED CT code the entry records (<see cref="ResourceMapping.EntryCode"/>), or null.
/// </remarks>
internal sealed record ResourceFacts(EntryKind Kind, EntryStatus Status, InputDate RecordedDate, IReadOnlyList<JsonObject> ContextReferences)
{
    public string? Code { get; init; }
}
