using Microsoft.Extensions.Options;
using RecordAccess.Core.Identifiers;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Gate;

/// <summary>
/// <c>recordaccess.v1.RecordAccessGate</c>: a thin transport. Each call reads the caller, checks its own fields, asks the
/// one <see cref="DecisionPath"/> (admission, decision and audit) and maps its outcome (<see cref="GateOutcomes"/>).
/// Invalid single entries are answers (DecisionUnavailable), never errors.
/// </summary>
internal sealed partial class GateService(
    DecisionPath decisions,
    IOptions<GateOptions> options,
    OpenRecordBudget budget) : RecordAccessGate.RecordAccessGateBase
{
    private const string Surface = "grpc";

    public override async Task<EvaluateEntriesResponse> EvaluateEntries(EvaluateEntriesRequest request, ServerCallContext context)
    {
        var caller = GateCaller(context);
        CheckNhsNumber(request.NhsNumber, string.Empty);
        var question = new DecisionQuestion(caller, request.NhsNumber, GateMapper.ToCore(request.Entries), DecisionPurpose.Evaluate, Surface, request.MinStateVersion);
        var answer = GateOutcomes.Answer(await decisions.DecideAsync(question, context.CancellationToken).ConfigureAwait(false));
        var response = new EvaluateEntriesResponse
        {
            DecisionId = answer.DecisionId.ToString("D"),
            StateVersion = (ulong)answer.StateVersion,
            RuleSetVersion = answer.RuleSetVersion,
        };
        GateMapper.AddTo(response.Decisions, answer.Decisions, 0, answer.Decisions.Count);
        return response;
    }

    /// <summary>The authenticated caller; patients never call the gate (they use the patient app's API).</summary>
    private static Caller GateCaller(ServerCallContext context)
    {
        var caller = context.GetCaller();
        return caller.Kind == CallerKind.Patient
            ? throw RpcErrors.Of(StatusCode.PermissionDenied, "Patients do not call the gate; the patient app's API answers them.")
            : caller;
    }

    private static void CheckNhsNumber(string nhsNumber, string prefix)
    {
        if (!NhsNumber.TryParse(nhsNumber, out _, out var error))
        {
            throw RpcErrors.Of(StatusCode.InvalidArgument, $"{prefix}nhs_number: {error}");
        }
    }
}
