using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy;

/// <summary>A copy of everything the policy state holds for one patient, for staff screens and the CLI.</summary>
public sealed record PatientView
{
    /// <summary>The NHS number.</summary>
    public required string NhsNumber { get; init; }

    /// <summary>The practice the patient is registered at; null if no registration was recorded.</summary>
    public string? Ods { get; init; }

    /// <summary>Date of birth; null if no registration was recorded.</summary>
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Registration date at the current practice.</summary>
    public DateOnly? RegistrationDate { get; init; }

    /// <summary>Access codes in the order they were recorded.</summary>
    public IReadOnlyList<PatientCode> Codes { get; init; } = [];

    /// <summary>Restricted for risk of serious harm.</summary>
    public bool Restricted { get; init; }

    /// <summary>Ids of the active safeguarding flags.</summary>
    public IReadOnlyList<string> SafeguardingFlags { get; init; } = [];

    /// <summary>The individual grant's date, if any.</summary>
    public DateOnly? IndividualGrantDate { get; init; }

    /// <summary>The individual start date, if any.</summary>
    public DateOnly? IndividualStartDate { get; init; }

    /// <summary>Historic access from this date, if granted.</summary>
    public DateOnly? HistoricFromDate { get; init; }

    /// <summary>Stable ids of the redacted entries, sorted.</summary>
    public IReadOnlyList<string> RedactedEntries { get; init; } = [];

    /// <summary>Stable ids of the released sensitive entries, sorted.</summary>
    public IReadOnlyList<string> ReleasedEntries { get; init; } = [];
}
