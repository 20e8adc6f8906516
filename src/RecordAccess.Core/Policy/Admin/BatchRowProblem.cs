namespace RecordAccess.Core.Policy.Admin;

/// <summary>Why one row of a batch cannot be applied.</summary>
/// <param name="Line">The row's line number.</param>
/// <param name="NhsNumber">The NHS number as written.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Kind">
/// <see cref="AdminRejection.InvalidInput"/> for a malformed or duplicated NHS number;
/// <see cref="AdminRejection.StateConflict"/> for a patient not registered (at this practice).
/// </param>
public sealed record BatchRowProblem(int Line, string NhsNumber, string Message, AdminRejection Kind = AdminRejection.InvalidInput)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {NhsNumber}: {Message}";
}
