using RecordAccess.Core.Model;

namespace RecordAccess.Server.Decisions;

/// <summary>
/// What <see cref="DecisionPath"/> answers, as a closed set: <see cref="Decided"/> (the answer, audited), <see cref="Refused"/>
/// (a kind and a message; nothing decided or audited) or <see cref="Unavailable"/> (stale state or an unwritable audit;
/// nothing answered, fail closed). gRPC maps it to statuses, FHIR to OperationOutcomes; neither catches exceptions for it.
/// </summary>
internal abstract record DecisionOutcome<T>
{
    private DecisionOutcome()
    {
    }

    /// <summary>The same refusal or unavailability as an outcome of another answer type.</summary>
    public DecisionOutcome<TOther> As<TOther>() => this switch
    {
        Refused r => new DecisionOutcome<TOther>.Refused(r.Refusal),
        Unavailable u => new DecisionOutcome<TOther>.Unavailable(u.Detail),
        _ => throw new InvalidOperationException("A decided outcome has no other type."),
    };

    /// <summary>Decided and audited; <paramref name="Request"/> is the request that decided (its evaluation date, its facts).</summary>
    public sealed record Decided(T Answer, DecisionRequest Request) : DecisionOutcome<T>;

    public sealed record Refused(Refusal Refusal) : DecisionOutcome<T>;

    /// <summary>Nothing could be decided now; <paramref name="Detail"/> says why, for a supplier or the log (never for a patient).</summary>
    public sealed record Unavailable(string Detail) : DecisionOutcome<T>;
}
