namespace RecordAccess.Core.Model;

/// <summary>A SNOMED CT code on the patient's record with its effective date.</summary>
/// <param name="Code">The concept id as given (validated by the engine; codes other than 103/104/106 are ignored).</param>
/// <param name="EffectiveDate">When the code took effect.</param>
public sealed record PatientCode(string Code, InputDate EffectiveDate);
