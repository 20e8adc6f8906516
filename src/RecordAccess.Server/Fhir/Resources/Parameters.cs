using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Resources;

/// <summary>FHIR R4 Parameters: the input and output of operations.</summary>
internal sealed record Parameters(IReadOnlyList<Parameters.ParameterComponent> Parameter)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "Parameters";

    /// <summary>One parameter: a name and one value (or parts). Unset values are not written.</summary>
    internal sealed record ParameterComponent(string Name)
    {
        public bool? ValueBoolean { get; init; }

        public string? ValueCode { get; init; }

        public string? ValueDate { get; init; }

        public string? ValueString { get; init; }

        public IReadOnlyList<ParameterComponent>? Part { get; init; }
    }
}
