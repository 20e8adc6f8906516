namespace RecordAccess.Server.Decisions;

/// <summary>What the caller asks for, which decides the right it needs.</summary>
internal enum DecisionPurpose
{
    /// <summary>Visibility (EvaluateEntries, StreamEvaluate, GetPatientAccess, the patient FHIR operations): <c>MayEvaluate</c>, or the patient's own record.</summary>
    Evaluate,

    /// <summary>The rules behind a decision, for staff (ExplainEntry): <c>MayAdminister</c>.</summary>
    Explain,
}
