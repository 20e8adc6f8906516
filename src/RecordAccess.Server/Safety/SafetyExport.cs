using RecordAccess.Core.Safety;

namespace RecordAccess.Server.Safety;

/// <summary>The safety report as CSV and as FHIR (shapes in <c>docs/safety-reports.md</c>, decision 0117).</summary>
internal static class SafetyExport
{
    public static string Csv(SafetyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        throw new NotSupportedException("CSV export lands with the next commit.");
    }

    public static string Fhir(SafetyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        throw new NotSupportedException("FHIR export lands with the next commit.");
    }
}
