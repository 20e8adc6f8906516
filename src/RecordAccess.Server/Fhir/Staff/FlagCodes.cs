namespace RecordAccess.Server.Fhir.Staff;

/// <summary>The RecordAccess flag codes (CodeSystem flag-code).</summary>
internal static class FlagCodes
{
    public const string System = FhirCanonical.Base + "/CodeSystem/flag-code";
    public const string Safeguarding = "safeguarding";
    public const string Restricted = "restricted-risk-of-harm";
    public const string FlagIdSystem = FhirCanonical.Base + "/Id/safeguarding-flag";

    public static string Display(string code) => code == Safeguarding ? "Safeguarding flag" : "Restricted: risk of serious harm";
}
