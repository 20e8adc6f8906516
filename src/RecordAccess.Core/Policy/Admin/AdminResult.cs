using RecordAccess.Core.Engine;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>The answer to an admin change: the new state version, or the problems that stopped it (then nothing changed).</summary>
public sealed record AdminResult
{
    /// <summary>True when the change is committed and in force in this server's state.</summary>
    public bool Succeeded => Problems.Count == 0;

    /// <summary>The state version that holds the change (for a replayed idempotency key, the original one).</summary>
    public long Version { get; init; }

    /// <summary>True when an idempotency key made this request a no-op repeat of an earlier one.</summary>
    public bool Replayed { get; init; }

    /// <summary>
    /// True when what the change asks for already held, so no event was written and <see cref="Version"/> is the
    /// state version it was checked against (decision A7); with <see cref="Replayed"/>, the original request was such a no-op.
    /// </summary>
    public bool Unchanged { get; init; }

    /// <summary>Why the change was refused, each naming the field; empty on success.</summary>
    public IReadOnlyList<InputProblem> Problems { get; init; } = [];

    /// <summary>Why the change was refused (<see cref="AdminRejection.None"/> on success).</summary>
    public AdminRejection Rejection { get; init; }

    /// <summary>A refusal because of bad input (<see cref="AdminRejection.InvalidInput"/>).</summary>
    /// <param name="problems">What is wrong.</param>
    public static AdminResult Rejected(IReadOnlyList<InputProblem> problems) => Rejected(problems, AdminRejection.InvalidInput);

    /// <summary>A refusal of the given kind.</summary>
    /// <param name="problems">What is wrong.</param>
    /// <param name="rejection">Why: bad input, a conflict with the state, or not permitted.</param>
    public static AdminResult Rejected(IReadOnlyList<InputProblem> problems, AdminRejection rejection) => new() { Problems = problems, Rejection = rejection };

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"{(Unchanged ? "unchanged" : "committed")} at version {Version}{(Replayed ? " (replayed)" : string.Empty)}" : string.Join("; ", Problems);
}
