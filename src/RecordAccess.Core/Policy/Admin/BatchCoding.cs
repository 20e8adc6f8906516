namespace RecordAccess.Core.Policy.Admin;

/// <summary>A request to record one access code for many patients of one practice, atomically.</summary>
public sealed record BatchCoding
{
    /// <summary>The practice whose patients are coded.</summary>
    public required string Ods { get; init; }

    /// <summary>The SNOMED CT concept id (103, 104 or 106).</summary>
    public required string Code { get; init; }

    /// <summary>The code's effective date (<c>YYYY-MM-DD</c>).</summary>
    public required string EffectiveDate { get; init; }

    /// <summary>The patients, one row each.</summary>
    public required IReadOnlyList<BatchRow> Rows { get; init; }

    /// <summary>Report what would change without changing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Apply the valid rows and report the invalid ones, instead of rejecting the whole batch.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>A client-supplied key: repeating a committed batch with the same key is a no-op.</summary>
    public string? IdempotencyKey { get; init; }
}
