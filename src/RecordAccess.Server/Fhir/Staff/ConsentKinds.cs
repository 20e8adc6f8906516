namespace RecordAccess.Server.Fhir.Staff;

/// <summary>The RecordAccess grant kinds (CodeSystem consent-kind) and the access codes (SNOMED CT) a Consent records.</summary>
internal static class ConsentKinds
{
    public const string System = FhirCanonical.Base + "/CodeSystem/consent-kind";
    public const string IndividualGrant = "individual-grant";
    public const string StartDate = "individual-start-date";
    public const string HistoricAccess = "historic-access";
    public const string Declined = "1290331000000103";
    public const string ReviewIndicated = "1364731000000104";
    public const string ReviewNotIndicated = "1364751000000106";

    public static string Display(string code) => code switch
    {
        IndividualGrant => "Individual access grant",
        StartDate => "Individual access start date",
        HistoricAccess => "Historic access",
        Declined => "Online access to own health record declined by patient",
        ReviewIndicated => "Enhanced review indicated before granting access to own health record",
        ReviewNotIndicated => "Enhanced review not indicated before granting access to own health record",
        _ => code,
    };

    /// <summary>103 and 104 withhold (deny); 106 and every grant permit.</summary>
    public static string ProvisionType(string code) => code is Declined or ReviewIndicated ? "deny" : "permit";

    /// <summary>Start dates and historic access bound the data (dataPeriod); codes and grants are dated (period).</summary>
    public static bool BoundsData(string code) => code is StartDate or HistoricAccess;
}
