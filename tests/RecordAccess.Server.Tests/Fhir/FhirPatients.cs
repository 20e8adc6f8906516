using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>Canonical test practices and patients, written through the admin service (evaluation date 2024-10-15).</summary>
internal static class FhirPatients
{
    public const string Practice = "A81001";
    public const string LatePractice = "A81003";

    /// <summary>Switched on 2023-10-31, registered 2010: entries recorded from 2023-10-31 are visible.</summary>
    public const string Adult = "9434765919";

    /// <summary>Same as <see cref="Adult"/>, with a safeguarding flag.</summary>
    public const string Flagged = "9434765978";

    /// <summary>At a practice that switches on 2025-01-01.</summary>
    public const string NotYetSwitchedOn = "9434766001";

    /// <summary>Restricted (risk of harm).</summary>
    public const string Restricted = "9434765951";

    /// <summary>A valid NHS number the service knows nothing about.</summary>
    public const string Unknown = "9434765927";

    public static async Task SeedAsync(FhirHost host)
    {
        var admin = host.Admin;
        Check(await admin.SetPracticeSettingsAsync(FhirHost.Why, Practice, "2023-10-31", optedOut: false));
        Check(await admin.SetPracticeSettingsAsync(FhirHost.Why, LatePractice, "2025-01-01", optedOut: false));
        Check(await admin.RegisterPatientAsync(FhirHost.Why, Adult, Practice, "1980-05-05", "2010-01-01"));
        Check(await admin.RegisterPatientAsync(FhirHost.Why, Flagged, Practice, "1980-05-05", "2010-01-01"));
        Check(await admin.RegisterPatientAsync(FhirHost.Why, Restricted, Practice, "1980-05-05", "2010-01-01"));
        Check(await admin.RegisterPatientAsync(FhirHost.Why, NotYetSwitchedOn, LatePractice, "1980-05-05", "2010-01-01"));
        Check(await admin.RaiseSafeguardingFlagAsync(FhirHost.Why, Flagged, "flag-1"));
        Check(await admin.RestrictPatientAsync(FhirHost.Why, Restricted));
    }

    private static void Check(RecordAccess.Core.Policy.Admin.AdminResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }
}
