using RecordAccess.Core.Engine;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>What a batch coding did, or would do (dry run).</summary>
public sealed record BatchCodingResult
{
    /// <summary>True when the batch was committed (or, for a dry run, could be).</summary>
    public bool Succeeded => Problems.Count == 0 && (SkipInvalid || InvalidRows.Count == 0);

    /// <summary>True when nothing was written because the caller asked for a dry run.</summary>
    public bool DryRun { get; init; }

    /// <summary>True when invalid rows were skipped on request.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>The state version holding the batch (for a replayed key, the original); the current version when nothing was written.</summary>
    public long Version { get; init; }

    /// <summary>True when the idempotency key made this a no-op repeat of a committed batch.</summary>
    public bool Replayed { get; init; }

    /// <summary>Problems with the request as a whole (practice, code, date, actor, reason, key).</summary>
    public IReadOnlyList<InputProblem> Problems { get; init; } = [];

    /// <summary>Why the request as a whole was refused: the kind of <see cref="Problems"/> (<see cref="AdminRejection.None"/> when there are none).</summary>
    public AdminRejection Rejection { get; init; }

    /// <summary>Rows that cannot be applied, line by line.</summary>
    public IReadOnlyList<BatchRowProblem> InvalidRows { get; init; } = [];

    /// <summary>Patients who get (or would get) the code.</summary>
    public int PatientsChanged { get; init; }

    /// <summary>Valid rows whose patient already has this code with this date (nothing to do).</summary>
    public int PatientsUnchanged { get; init; }

    /// <summary>Of the changed patients, how many lose access today (patient-level rules 1–7).</summary>
    public int LoseAccessToday { get; init; }

    /// <summary>Of the changed patients, how many gain access today.</summary>
    public int GainAccessToday { get; init; }

    /// <summary>The NHS numbers to code, carried from planning to commit; not part of the answer.</summary>
    internal IReadOnlyList<string> Changed { get; init; } = [];
}
