namespace RecordAccess.Core.Policy.Events;

/// <summary>A change to one practice's settings, keyed by ODS code.</summary>
/// <param name="Ods">The practice's ODS code.</param>
public abstract record PracticeChange(string Ods) : PolicyChange;
