namespace RecordAccess.Core.Policy.Admin;

/// <summary>Why an admin change was refused, so that each surface can answer with the right status.</summary>
public enum AdminRejection
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>A value is bad whatever the state (a malformed NHS number, ODS code, date or code; a missing reason). gRPC: INVALID_ARGUMENT.</summary>
    InvalidInput = 1,

    /// <summary>The values are well formed but do not fit the state (unknown patient or practice, nothing to revoke, a grant of another date exists, an idempotency key reused for other content). gRPC: FAILED_PRECONDITION.</summary>
    StateConflict = 2,

    /// <summary>The actor may not make this change (staff of another practice, or a change that needs a clinical role). gRPC: PERMISSION_DENIED; FHIR: 403.</summary>
    NotPermitted = 3,
}
