using Grpc.Core;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Gate;

/// <summary>
/// <see cref="DecisionOutcome{T}"/> to gRPC statuses, the only place the gate maps them: a caller without the scope is
/// PERMISSION_DENIED (before any patient is looked up); not entitled (unknown, another
/// practice's or a moved patient alike) is NOT_FOUND with one message; undecidable state and a state behind
/// <c>min_state_version</c> are FAILED_PRECONDITION naming the field; unavailable is UNAVAILABLE.
/// </summary>
internal static class GateOutcomes
{
    /// <summary>The answer, or the status that ends the call.</summary>
    public static T Answer<T>(DecisionOutcome<T> outcome, string prefix = "") => outcome switch
    {
        DecisionOutcome<T>.Decided decided => decided.Answer,
        _ => throw Problem(outcome, prefix)!,
    };

    /// <summary>The status of a refused or unavailable outcome; null when decided.</summary>
    public static RpcException? Problem<T>(DecisionOutcome<T> outcome, string prefix = "") => outcome switch
    {
        DecisionOutcome<T>.Refused { Refusal: var refusal } => RpcErrors.Of(StatusOf(refusal.Kind), $"{prefix}{refusal.Field}: {refusal.Detail}"),
        DecisionOutcome<T>.Unavailable { Detail: var detail } => RpcErrors.Of(StatusCode.Unavailable, detail),
        _ => null,
    };

    public static StatusCode StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.NotPermitted => StatusCode.PermissionDenied,
        RefusalKind.NotEntitled => StatusCode.NotFound,
        RefusalKind.InvalidInput => StatusCode.InvalidArgument,
        _ => StatusCode.FailedPrecondition,
    };
}
