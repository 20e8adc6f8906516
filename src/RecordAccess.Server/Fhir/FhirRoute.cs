namespace RecordAccess.Server.Fhir;

/// <summary>
/// One FHIR endpoint: how it is mapped (method and pattern under <c>/fhir</c>) and how it is described in the
/// CapabilityStatement. <see cref="Interaction"/> is a RESTful interaction code (read, search-type, create, update,
/// delete…) or null for an operation, which names itself in <see cref="OperationName"/> (without the <c>$</c>).
/// </summary>
internal sealed record FhirRoute(string Method, string Pattern, string ResourceType, FhirHandler Handler)
{
    /// <summary>read, vread, update, patch, delete, history-instance, history-type, create or search-type; null for an operation.</summary>
    public string? Interaction { get; init; }

    /// <summary>The operation's name without <c>$</c> (e.g. <c>record-access</c>); null for an interaction.</summary>
    public string? OperationName { get; init; }

    /// <summary>The canonical URL of the OperationDefinition (operations only).</summary>
    public string? OperationDefinition { get; init; }

    /// <summary>The canonical URL of the profile the resource type conforms to, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>Search parameters (search-type only): name, FHIR search param type, documentation.</summary>
    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; init; } = [];

    /// <summary>One line for the CapabilityStatement.</summary>
    public string? Documentation { get; init; }
}
