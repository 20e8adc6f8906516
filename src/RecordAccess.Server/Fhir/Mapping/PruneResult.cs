namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>What pruning references to withheld resources did to one resource.</summary>
internal enum PruneResult
{
    /// <summary>Nothing named a withheld resource.</summary>
    Unchanged,

    /// <summary>References (and elements that cannot be valid without them) were removed; the resource is still valid.</summary>
    Pruned,

    /// <summary>A mandatory element of the resource (or of a contained resource) would be lost: the resource is withheld.</summary>
    Unrepresentable,
}
