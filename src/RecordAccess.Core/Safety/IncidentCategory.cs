namespace RecordAccess.Core.Safety;

/// <summary>The known online-record-access incidents (issue 15), plus <see cref="Other"/>.</summary>
public enum IncidentCategory
{
    /// <summary>An abuser (or another person coercing the patient) read the record.</summary>
    AbuserReadRecord,

    /// <summary>A test result was seen before the clinician called the patient.</summary>
    ResultSeenBeforeClinicianCalled,

    /// <summary>Information about a third party was shown.</summary>
    ThirdPartyInformationShown,

    /// <summary>The code of a hidden document was shown.</summary>
    HiddenDocumentCodeShown,

    /// <summary>An entry was hidden in error: the patient lost a legal right.</summary>
    EntryHiddenInError,

    /// <summary>Anything else.</summary>
    Other,
}
