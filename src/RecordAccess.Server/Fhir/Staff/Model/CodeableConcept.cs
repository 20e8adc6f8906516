namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR CodeableConcept.</summary>
internal sealed record CodeableConcept(IReadOnlyList<Coding> Coding, string? Text = null);
