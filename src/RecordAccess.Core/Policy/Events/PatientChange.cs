namespace RecordAccess.Core.Policy.Events;

/// <summary>A change to one patient's facts, keyed by NHS number (stable across practice moves).</summary>
/// <param name="NhsNumber">The patient's NHS number (ten digits).</param>
public abstract record PatientChange(string NhsNumber) : PolicyChange;
