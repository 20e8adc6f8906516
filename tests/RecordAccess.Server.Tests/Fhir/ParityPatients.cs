using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// The patients of the parity tests: <see cref="FhirPatients"/> plus states those lack (a 104 code, a 104 lifted by a
/// 106, a historic grant, an individual start date, a declined patient with a later grant); and per record, staff
/// redactions and clinician releases of some of its entries, written through the admin service so both surfaces see them.
/// </summary>
internal static class ParityPatients
{
    public static async Task<IReadOnlyList<string>> SeedAsync(FhirHost host)
    {
        var admin = host.Admin;
        var extra = Enumerable.Range(0, 5).Select(i => TestNhs.Make(700 + i)).ToArray();
        foreach (var nhs in extra)
        {
            Check(await admin.RegisterPatientAsync(FhirHost.Why, nhs, FhirPatients.Practice, "1980-05-05", "2010-01-01"));
        }

        Check(await admin.RecordPatientCodeAsync(FhirHost.Why, extra[0], "1364731000000104", "2024-01-01"));
        Check(await admin.RecordPatientCodeAsync(FhirHost.Why, extra[1], "1364731000000104", "2023-01-01"));
        Check(await admin.RecordPatientCodeAsync(FhirHost.Why, extra[1], "1364751000000106", "2024-03-01"));
        Check(await admin.GrantHistoricAccessAsync(FhirHost.Why, extra[2], "2015-01-01"));
        Check(await admin.SetIndividualStartDateAsync(FhirHost.Why, extra[3], "2024-06-01"));
        Check(await admin.RecordPatientCodeAsync(FhirHost.Why, extra[4], "1290331000000103", "2023-12-01"));
        Check(await admin.GrantIndividualAccessAsync(FhirHost.Why, extra[4], "2024-02-01"));
        return [FhirPatients.Adult, FhirPatients.Flagged, FhirPatients.Restricted, FhirPatients.NotYetSwitchedOn, .. extra];
    }

    /// <summary>Redacts about one entry in ten and releases about one in eight (labelled or not).</summary>
    public static async Task MarkAsync(FhirHost host, string nhs, IEnumerable<ParityRecords.Item> items, Random random)
    {
        foreach (var item in items)
        {
            if (random.Next(10) == 0)
            {
                Check(await host.Admin.RedactEntryAsync(FhirHost.Why, nhs, item.Id));
            }

            if (random.Next(8) == 0)
            {
                Check(await host.Admin.ReleaseEntryAsync(FhirHost.Why, nhs, item.Id));
            }
        }
    }

    private static void Check(RecordAccess.Core.Policy.Admin.AdminResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }
}
