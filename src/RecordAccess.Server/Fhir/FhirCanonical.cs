namespace RecordAccess.Server.Fhir;

/// <summary>Canonical URLs and identifier systems this server's conformance resources use.</summary>
internal static class FhirCanonical
{
    public const string Base = "https://fhir.recordaccess.nhs.uk";

    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";

    public const string SnomedSystem = "http://snomed.info/sct";

    public static string OperationDefinition(string name) => $"{Base}/OperationDefinition/{name}";

    public static string StructureDefinition(string name) => $"{Base}/StructureDefinition/{name}";
}
