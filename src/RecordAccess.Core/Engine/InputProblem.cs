namespace RecordAccess.Core.Engine;

/// <summary>Why a request cannot be trusted (rule 0), naming the field, so that surfaces can say so precisely.</summary>
/// <param name="Field">The field path in conformance-case spelling, e.g. <c>patient.nhsNumber</c>.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record InputProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
