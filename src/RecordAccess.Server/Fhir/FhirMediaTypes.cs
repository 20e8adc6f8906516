namespace RecordAccess.Server.Fhir;

/// <summary>The media types FHIR R4 JSON is read and written as.</summary>
internal static class FhirMediaTypes
{
    /// <summary>The FHIR version this server speaks, as the <c>fhirVersion</c> media type parameter spells it.</summary>
    public const string FhirVersion = "4.0";

    public const string FhirJson = "application/fhir+json";

    public const string Json = "application/json";

    /// <summary>The content type of every FHIR response (unless the client asked for plain <c>application/json</c>).</summary>
    public const string FhirJsonResponse = FhirJson + "; charset=utf-8; fhirVersion=" + FhirVersion;

    public const string JsonResponse = Json + "; charset=utf-8; fhirVersion=" + FhirVersion;

    /// <summary>Spellings of the <c>_format</c> parameter (and media types) that mean JSON.</summary>
    public static readonly string[] JsonFormats = ["json", FhirJson, Json, "application/json+fhir"];

    /// <summary>Spellings that mean XML or Turtle: understood, and refused (this server speaks JSON only).</summary>
    public static readonly string[] OtherFhirFormats = ["xml", "application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir", "ttl", "text/turtle", "application/fhir+turtle"];
}
