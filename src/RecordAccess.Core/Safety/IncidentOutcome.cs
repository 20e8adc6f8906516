namespace RecordAccess.Core.Safety;

/// <summary>Whether the incident reached the patient (harm) or was caught before it did (near miss).</summary>
public enum IncidentOutcome
{
    /// <summary>Caught before it reached the patient.</summary>
    NearMiss,

    /// <summary>It reached the patient.</summary>
    Harm,
}
