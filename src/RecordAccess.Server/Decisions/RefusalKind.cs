namespace RecordAccess.Server.Decisions;

/// <summary>Why a question about a patient was not decided (never a withholding cause: those are answers).</summary>
internal enum RefusalKind
{
    /// <summary>The caller may not ask this for any patient (a supplier without the scope): said before any patient is looked up.</summary>
    NotPermitted,

    /// <summary>
    /// No patient with this NHS number is registered at a practice the caller may act for: an unknown patient, another
    /// practice's patient and a patient who moved away are the same refusal, so the caller learns nothing (decision 0090).
    /// </summary>
    NotEntitled,

    /// <summary>The caller is entitled, but the state held for the patient cannot be trusted as a whole (rule 0).</summary>
    Undecidable,

    /// <summary>The server's state is behind the version the caller asked for (<c>min_state_version</c>).</summary>
    StateBehind,

    /// <summary>A value the caller gave is malformed or does not fit the patient (e.g. an incident naming a decision not audited for them).</summary>
    InvalidInput,
}
