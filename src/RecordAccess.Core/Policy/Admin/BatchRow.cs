namespace RecordAccess.Core.Policy.Admin;

/// <summary>One row of a batch-coding file.</summary>
/// <param name="Line">The line number in the caller's file (for the report).</param>
/// <param name="NhsNumber">The NHS number as written in the file.</param>
public sealed record BatchRow(int Line, string NhsNumber);
