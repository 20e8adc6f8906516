namespace RecordAccess.Core.Model;

/// <summary>What the engine knows of the patient.</summary>
public sealed record PatientFacts
{
    /// <summary>The NHS number as given (validated by the engine).</summary>
    public required string NhsNumber { get; init; }

    /// <summary>Date of birth (required).</summary>
    public InputDate DateOfBirth { get; init; }

    /// <summary>Registration at this practice (required).</summary>
    public InputDate RegistrationDate { get; init; }

    /// <summary>An individual start date for access, if staff set one.</summary>
    public InputDate IndividualStartDate { get; init; }

    /// <summary>The date of an individual grant of access, if any.</summary>
    public InputDate IndividualGrantDate { get; init; }

    /// <summary>Historic access granted from this date, if any.</summary>
    public InputDate HistoricFromDate { get; init; }

    /// <summary>SNOMED CT codes on the record (103, 104 and 106 matter; others are ignored).</summary>
    public IReadOnlyList<PatientCode> Codes { get; init; } = [];

    /// <summary>Staff restricted the patient for risk of serious harm.</summary>
    public bool Restricted { get; init; }

    /// <summary>An active safeguarding flag.</summary>
    public bool SafeguardingFlag { get; init; }
}
