namespace RecordAccess.Core.Model;

/// <summary>
/// Why an entry is withheld, or <see cref="Visible"/>. The numeric values follow the rule numbers of
/// the rule table; the default value is <see cref="DecisionUnavailable"/>, so an unset decision fails closed.
/// Reasons are for staff and audit: the patient never sees them.
/// </summary>
public enum ReasonCode : byte
{
    /// <summary>Rule 0: the input cannot be trusted.</summary>
    DecisionUnavailable = 0,

    /// <summary>Rule 1: national pause, or the practice has not switched on by the evaluation date.</summary>
    RolloutNotActive = 1,

    /// <summary>Rule 2: the practice opted out and the patient has no individual grant.</summary>
    PracticeOptedOut = 2,

    /// <summary>Rule 3: the patient is under 16 on the evaluation date.</summary>
    PatientUnder16 = 3,

    /// <summary>Rule 4: a 103 code with no individual grant strictly after the latest 103.</summary>
    PatientDeclined = 4,

    /// <summary>Rule 5: the latest 104/106 is a 104 with no individual grant strictly after it.</summary>
    EnhancedReviewRequired = 5,

    /// <summary>Rule 6: staff restricted the patient (risk of serious harm).</summary>
    RestrictedRiskOfHarm = 6,

    /// <summary>Rule 7: an active safeguarding flag.</summary>
    SafeguardingFlag = 7,

    /// <summary>Rule 8: recorded before the access start and not covered by historic access.</summary>
    BeforeAccessStart = 8,

    /// <summary>Rule 9: not final (draft, provisional, unfiled) or a diary entry.</summary>
    NotFinal = 9,

    /// <summary>Rule 10: the entry is marked not visible online.</summary>
    EntryRedacted = 10,

    /// <summary>Rule 11: a sensitivity label (R, V, NOPAT, SDV) not released by a clinician.</summary>
    EntrySensitive = 11,

    /// <summary>Rule 12: an ancestor in the same request is withheld.</summary>
    ParentWithheld = 12,

    /// <summary>None of the rules applies: the patient may see the entry.</summary>
    Visible = 13,

    /// <summary>
    /// Rule 11a (rule set 2025.1): the entry itself records one of the three online-access codes (103, 104, 106); no
    /// release or grant lifts it. Numbered after <see cref="Visible"/> because values are stable on every surface.
    /// </summary>
    AccessControlCode = 14,
}
