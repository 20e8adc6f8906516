using RecordAccess.Core.Engine;

namespace RecordAccess.Core.Safety;

/// <summary>The checks on a report that need no audit trail (the desk adds those against the patient's decisions).</summary>
public static class IncidentValidation
{
    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 4000;

    /// <summary>The most decision ids and entry ids one report may name.</summary>
    public const int MaxReferences = 50;

    /// <summary>Why the report cannot be recorded as it is, or null.</summary>
    /// <param name="report">The report.</param>
    /// <param name="now">The present (occurred-at may not be after it).</param>
    /// <param name="earliest">The start of the patient's registration era, when known (occurred-at may not be before it).</param>
    public static InputProblem? FindProblem(IncidentReport report, DateTimeOffset now, DateTimeOffset? earliest)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!Enum.IsDefined(report.Category))
        {
            return new("category", "is not a known incident category");
        }

        if (!Enum.IsDefined(report.Harm))
        {
            return new("harm", "is not a known harm level");
        }

        if (!Enum.IsDefined(report.Outcome))
        {
            return new("outcome", "must be near miss or harm");
        }

        if (string.IsNullOrWhiteSpace(report.Description) || report.Description.Length > MaxDescriptionLength)
        {
            return new("description", $"is required (1 to {MaxDescriptionLength} characters)");
        }

        if (report.OccurredAt > now)
        {
            return new("occurred_at", "is in the future");
        }

        if (earliest is { } start && report.OccurredAt < start)
        {
            return new("occurred_at", "is before the patient was registered");
        }

        if (report.DecisionIds is null || report.EntryIds is null || report.DecisionIds.Count + report.EntryIds.Count > MaxReferences)
        {
            return new("decision_ids", $"at most {MaxReferences} decision and entry ids together");
        }

        if (report.DecisionIds.Any(id => id == Guid.Empty) || report.DecisionIds.Distinct().Count() != report.DecisionIds.Count)
        {
            return new("decision_ids", "must be distinct decision ids");
        }

        if (report.EntryIds.Any(string.IsNullOrWhiteSpace))
        {
            return new("entry_ids", "must not be empty");
        }

        return null;
    }

    /// <summary>A stable fingerprint of the report (compared when an idempotency key is reused).</summary>
    public static string Fingerprint(string nhsNumber, IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = string.Join(
            '\u001f',
            nhsNumber,
            report.Category,
            report.Harm,
            report.Outcome,
            report.Description,
            report.OccurredAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(',', report.DecisionIds),
            string.Join(',', report.EntryIds));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
