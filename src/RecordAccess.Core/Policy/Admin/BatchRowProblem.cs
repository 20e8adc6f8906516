namespace RecordAccess.Core.Policy.Admin;

/// <summary>Why one row of a batch cannot be applied.</summary>
/// <param name="Line">The row's line number.</param>
/// <param name="NhsNumber">The NHS number as written.</param>
/// <param name="Message">What is wrong.</param>
public sealed record BatchRowProblem(int Line, string NhsNumber, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {NhsNumber}: {Message}";
}
