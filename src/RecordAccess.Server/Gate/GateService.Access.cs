using System.Globalization;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Gate;

internal sealed partial class GateService
{
    /// <summary>
    /// The patient-level answer (rules 1-7) and the access dates. Checks as EvaluateEntries (G4): token, not a patient,
    /// <c>nhs_number</c>; then <see cref="DecisionPath.AccessAsync"/> (<c>MayEvaluate</c>) answers and audits, from the
    /// same computation as FHIR <c>$record-access</c> (an unwritable audit is UNAVAILABLE).
    /// </summary>
    public override async Task<GetPatientAccessResponse> GetPatientAccess(GetPatientAccessRequest request, ServerCallContext context)
    {
        var caller = GateCaller(context);
        CheckNhsNumber(request.NhsNumber, string.Empty);
        var question = new DecisionQuestion(caller, request.NhsNumber, [], DecisionPurpose.Evaluate, Surface, request.MinStateVersion);
        var answer = GateOutcomes.Answer(await decisions.AccessAsync(question, context.CancellationToken).ConfigureAwait(false));
        var access = answer.Access;
        return new GetPatientAccessResponse
        {
            AccessAvailable = access.AccessAvailable,
            Reason = (Reason)(int)access.Reason,
            AccessStartDate = Text(access.AccessStartDate),
            HistoricFromDate = Text(access.HistoricFromDate),
            DecisionId = answer.DecisionId.ToString("D"),
            StateVersion = (ulong)answer.StateVersion,
            RuleSetVersion = answer.RuleSetVersion,
        };
    }

    /// <summary>
    /// The rules behind one entry's decision, for staff. Checks: token, not a patient, <c>nhs_number</c>, <c>entry_id</c>
    /// (one of the entries), <c>evaluation_date</c> (empty or "YYYY-MM-DD"), then admission with <c>MayAdminister</c>
    /// (staff of the practice, suppliers with gate.admin serving it) in <see cref="DecisionPath.ExplainAsync"/>, which
    /// explains with the same request, switches and staged rule as the gate decides with, and audits.
    /// </summary>
    public override async Task<ExplainEntryResponse> ExplainEntry(ExplainEntryRequest request, ServerCallContext context)
    {
        var caller = GateCaller(context);
        CheckNhsNumber(request.NhsNumber, string.Empty);
        if (!request.Entries.Any(e => string.Equals(e.Id, request.EntryId, StringComparison.Ordinal)))
        {
            throw RpcErrors.Of(StatusCode.InvalidArgument, $"entry_id: '{RpcErrors.Quote(request.EntryId)}' is not the id of any of the entries sent.");
        }

        DateOnly? date = null;
        if (request.EvaluationDate.Length > 0)
        {
            var parsed = InputDate.Parse(request.EvaluationDate);
            date = parsed.IsValid
                ? parsed.Value
                : throw RpcErrors.Of(StatusCode.InvalidArgument, $"evaluation_date: '{RpcErrors.Quote(request.EvaluationDate)}' is not a date YYYY-MM-DD.");
        }

        var entries = GateMapper.ToCore(request.Entries);
        var question = new DecisionQuestion(caller, request.NhsNumber, entries, DecisionPurpose.Explain, Surface, request.MinStateVersion, date);
        var outcome = await decisions.ExplainAsync(question, request.EntryId, context.CancellationToken).ConfigureAwait(false);
        var answer = GateOutcomes.Answer(outcome);
        var explanation = answer.Explanation!;
        var response = new ExplainEntryResponse
        {
            Decision = GateMapper.ToWire(explanation.Decision),
            EvaluationDate = ((DecisionOutcome<GateExplainAnswer>.Decided)outcome).Request.EvaluationDate.ToString(),
            DecisionId = answer.DecisionId.ToString("D"),
            StateVersion = (ulong)answer.StateVersion,
            RuleSetVersion = answer.RuleSetVersion,
        };
        foreach (var check in explanation.Checks)
        {
            response.Checks.Add(new RuleCheck { Rule = check.Rule, Name = check.Name, Reason = (Reason)(int)check.Reason, Applies = check.Applies, Detail = check.Detail });
        }

        foreach (var ancestor in explanation.WithheldAncestors)
        {
            response.WithheldAncestors.Add(ancestor.EntryId);
        }

        return response;
    }

    private static string Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
