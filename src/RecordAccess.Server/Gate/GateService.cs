using Microsoft.Extensions.Options;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Gate;

/// <summary>
/// <c>recordaccess.v1.RecordAccessGate</c>: a thin transport. Each call reads the caller, checks its own fields,
/// passes <see cref="GateAdmission"/>, and asks Core's <see cref="PolicyGate"/>, which decides and audits.
/// Invalid single entries are answers (DecisionUnavailable), never errors.
/// </summary>
internal sealed partial class GateService(
    PolicyRuntime runtime,
    GateAdmission admission,
    IOptions<GateOptions> options,
    OpenRecordBudget budget,
    ILogger<GateService> logger) : RecordAccessGate.RecordAccessGateBase
{
    public override async Task<EvaluateEntriesResponse> EvaluateEntries(EvaluateEntriesRequest request, ServerCallContext context)
    {
        var caller = GateCaller(context);
        CheckNhsNumber(request.NhsNumber, string.Empty);
        var entries = GateMapper.ToCore(request.Entries);
        var admitted = await admission.AdmitAsync(caller, request.NhsNumber, request.MinStateVersion, entries, null, explaining: false, string.Empty, context.CancellationToken)
            .ConfigureAwait(false);
        var answer = await DecideAsync(caller, admitted, context.CancellationToken).ConfigureAwait(false);
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

    /// <summary>Decides and audits; an unwritable audit is UNAVAILABLE (fail closed: nothing is answered).</summary>
    private async Task<GateAnswer> DecideAsync(Caller caller, Admitted admitted, CancellationToken cancellationToken)
    {
        var started = admission.Clock.GetTimestamp();
        var answer = await runtime.Gate.DecideAsync(caller.AuditName, admitted.Request, admitted.StateVersion, admitted.Rollout.Flags, cancellationToken)
            .ConfigureAwait(false);
        GateMetrics.Record(answer, admission.Clock.GetElapsedTime(started), "grpc");
        FailClosed(answer.AuditFailed, answer.DecisionId);

        if (answer.ShadowDifferences > 0)
        {
            GateMetrics.ShadowDifferences.Add(answer.ShadowDifferences);
            LogShadowDifferences(logger, answer.DecisionId, answer.ShadowDifferences, RolloutSwitches.RuleSet2025);
        }

        return answer;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Decision {DecisionId}: the audit could not be written; answered UNAVAILABLE")]
    private static partial void LogAuditFailed(ILogger logger, Guid decisionId);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Decision {DecisionId}: the staged rule {Rule} would answer {Count} entries differently (shadow)")]
    private static partial void LogShadowDifferences(ILogger logger, Guid decisionId, int count, string rule);
}
