namespace RecordAccess.Core.Policy.Events;

/// <summary>
/// The kinds of change to the policy state. The numeric values and names are stored with every event:
/// never renumber or rename one; add new kinds at the end.
/// </summary>
public enum PolicyChangeKind
{
    /// <summary>Not a change (the default value; never stored).</summary>
    None = 0,

    /// <summary><see cref="PracticeSettingsChanged"/>.</summary>
    PracticeSettingsChanged = 1,

    /// <summary><see cref="PatientRegistered"/>.</summary>
    PatientRegistered = 2,

    /// <summary><see cref="PatientCodeRecorded"/>.</summary>
    PatientCodeRecorded = 3,

    /// <summary><see cref="PatientRestricted"/>.</summary>
    PatientRestricted = 4,

    /// <summary><see cref="PatientRestrictionLifted"/>.</summary>
    PatientRestrictionLifted = 5,

    /// <summary><see cref="SafeguardingFlagRaised"/>.</summary>
    SafeguardingFlagRaised = 6,

    /// <summary><see cref="SafeguardingFlagResolved"/>.</summary>
    SafeguardingFlagResolved = 7,

    /// <summary><see cref="IndividualGrantGiven"/>.</summary>
    IndividualGrantGiven = 8,

    /// <summary><see cref="IndividualGrantRevoked"/>.</summary>
    IndividualGrantRevoked = 9,

    /// <summary><see cref="IndividualStartDateSet"/>.</summary>
    IndividualStartDateSet = 10,

    /// <summary><see cref="IndividualStartDateRemoved"/>.</summary>
    IndividualStartDateRemoved = 11,

    /// <summary><see cref="HistoricAccessGranted"/>.</summary>
    HistoricAccessGranted = 12,

    /// <summary><see cref="HistoricAccessRevoked"/>.</summary>
    HistoricAccessRevoked = 13,

    /// <summary><see cref="EntryRedacted"/>.</summary>
    EntryRedacted = 14,

    /// <summary><see cref="EntryUnredacted"/>.</summary>
    EntryUnredacted = 15,

    /// <summary><see cref="EntryReleased"/>.</summary>
    EntryReleased = 16,

    /// <summary><see cref="EntryReleaseWithdrawn"/>.</summary>
    EntryReleaseWithdrawn = 17,
}
