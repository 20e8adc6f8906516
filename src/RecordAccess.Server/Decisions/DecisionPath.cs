using Microsoft.Extensions.Options;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Safety;

namespace RecordAccess.Server.Decisions;

/// <summary>
/// The one admission-and-decision path of every surface (gRPC gate, patient FHIR operations; decision 0090). One call
/// reads the state once, applies rule 0, authorises the caller against the practice of the facts that will decide,
/// decides, audits, and returns a typed <see cref="DecisionOutcome{T}"/>. Order: state that may be stale is
/// unavailable; the request is built from the state; a caller not entitled to the patient (unknown patient, another
/// practice's, a patient who moved away: one refusal) is refused before anything about the patient's state is said;
/// state invalid as a whole is undecidable; then <c>min_state_version</c> is waited for. An unwritable audit is
/// unavailable. Nothing is audited for a refused question. It never throws for an expected "no".
/// </summary>
internal sealed partial class DecisionPath(
    PolicyRuntime runtime,
    PolicyFreshness freshness,
    RolloutSwitches switches,
    IOptions<PolicyOptions> options,
    TimeProvider clock,
    NearMissRecorder nearMisses,
    ILogger<DecisionPath> logger)
{
    public const string AuditUnavailable = "The decision audit could not be written, so nothing was decided (fail closed); retry.";

    /// <summary>Per-entry visibility (<see cref="PolicyGate.DecideAsync"/>), with the rollout switches and the staged rule applied.</summary>
    public async Task<DecisionOutcome<GateAnswer>> DecideAsync(DecisionQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var admission = await AdmitAsync(question, cancellationToken).ConfigureAwait(false);
        if (admission is not DecisionOutcome<Admitted>.Decided { Answer: var admitted })
        {
            return admission.As<GateAnswer>();
        }

        var started = clock.GetTimestamp();
        var request = question.Settle?.Invoke(admitted.Request with { RuleSet = admitted.Rollout.Flags.Deciding }) ?? admitted.Request;
        var answer = await runtime.Gate.DecideAsync(question.Caller.AuditName, request, admitted.StateVersion, admitted.Rollout.Flags, cancellationToken)
            .ConfigureAwait(false);
        GateMetrics.Record(answer, clock.GetElapsedTime(started), question.Surface);
        if (answer.ShadowDifferences > 0)
        {
            GateMetrics.ShadowDifferences.Add(answer.ShadowDifferences);
            LogShadowDifferences(logger, answer.DecisionId, answer.ShadowDifferences, RolloutSwitches.RuleSet2025);
            NearMissMetrics.Count(NearMissKind.ShadowDifference);
        }

        if (!answer.AuditFailed && answer.Decisions.Any(d => d.Reason == ReasonCode.DecisionUnavailable))
        {
            NearMissMetrics.Count(NearMissKind.DecisionUnavailable);
        }

        return Audited(answer, answer.AuditFailed, answer.DecisionId, admitted, question);
    }

    /// <summary>
    /// The patient-level answer and the access dates (<see cref="PolicyGate.AccessAsync"/>): GetPatientAccess and
    /// <c>$record-access</c> both answer from it (<see cref="PatientAccess.VisibleFrom"/>), so they cannot disagree.
    /// </summary>
    public async Task<DecisionOutcome<GateAccessAnswer>> AccessAsync(DecisionQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var admission = await AdmitAsync(question, cancellationToken).ConfigureAwait(false);
        if (admission is not DecisionOutcome<Admitted>.Decided { Answer: var admitted })
        {
            return admission.As<GateAccessAnswer>();
        }

        var answer = await runtime.Gate.AccessAsync(question.Caller.AuditName, admitted.Request, admitted.StateVersion, admitted.Rollout.Flags, cancellationToken)
            .ConfigureAwait(false);
        return Audited(answer, answer.AuditFailed, answer.DecisionId, admitted, question);
    }

    /// <summary>The rules behind one entry's decision (<see cref="PolicyGate.ExplainAsync"/>); a refusal naming <c>entry_id</c> if no entry has that id.</summary>
    public async Task<DecisionOutcome<GateExplainAnswer>> ExplainAsync(DecisionQuestion question, string entryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var admission = await AdmitAsync(question, cancellationToken).ConfigureAwait(false);
        if (admission is not DecisionOutcome<Admitted>.Decided { Answer: var admitted })
        {
            return admission.As<GateExplainAnswer>();
        }

        var answer = await runtime.Gate.ExplainAsync(question.Caller.AuditName, admitted.Request, admitted.StateVersion, admitted.Rollout.Flags, entryId, cancellationToken)
            .ConfigureAwait(false);
        return answer is null
            ? new DecisionOutcome<GateExplainAnswer>.Refused(new Refusal(RefusalKind.Undecidable, "entry_id", "is not the id of any of the entries sent."))
            : Audited(answer, answer.AuditFailed, answer.DecisionId, admitted, question);
    }

    /// <summary>Admission alone (nothing decided or audited): a stream's first chunk is checked with it before its entries arrive.</summary>
    public async Task<DecisionOutcome<Admitted>> AdmitAsync(DecisionQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!MayAsk(question))
        {
            var scope = question.Purpose == DecisionPurpose.Explain ? Caller.AdminScope : Caller.EvaluateScope;
            return new DecisionOutcome<Admitted>.Refused(new Refusal(RefusalKind.NotPermitted, "authorization", $"the caller may not ask this of any practice without the scope {scope}."));
        }

        if (freshness.FindProblem() is { } problem)
        {
            LogStateNotTrusted(logger, question.Surface, problem);
            RecordStaleRefusal(question, problem);
            return new DecisionOutcome<Admitted>.Unavailable($"This server cannot follow the policy log ({problem}), so it may have missed a hide; retry on another server.");
        }

        var state = runtime.State;
        var rollout = await switches.ResolveAsync(question.Caller, cancellationToken).ConfigureAwait(false);
        var wanted = question.MinStateVersion > long.MaxValue ? long.MaxValue : (long)question.MinStateVersion;
        var date = question.EvaluationDate ?? UkCalendar.DateAt(clock.GetUtcNow());
        var request = state.BuildRequest(question.NhsNumber, date, question.Entries, rollout.WithholdAll, out var version);

        // A patient the caller may not act for yet may be the very write (a registration, a move) it holds the version of.
        if (Check(question, request, state) is { Kind: RefusalKind.NotEntitled } && wanted > version && await WaitAsync(wanted, cancellationToken).ConfigureAwait(false))
        {
            request = state.BuildRequest(question.NhsNumber, date, question.Entries, rollout.WithholdAll, out version);
        }

        if (Check(question, request, state) is { } refused)
        {
            return new DecisionOutcome<Admitted>.Refused(refused);
        }

        if (wanted > version)
        {
            if (!await WaitAsync(wanted, cancellationToken).ConfigureAwait(false))
            {
                return new DecisionOutcome<Admitted>.Refused(new Refusal(RefusalKind.StateBehind, "min_state_version",
                    $"this server's policy state is at version {state.Version}, behind {wanted}; retry, or ask another server."));
            }

            request = state.BuildRequest(question.NhsNumber, date, question.Entries, rollout.WithholdAll, out version);
            if (Check(question, request, state) is { } refusedLater)
            {
                return new DecisionOutcome<Admitted>.Refused(refusedLater);
            }
        }

        return new DecisionOutcome<Admitted>.Decided(new Admitted(request, version, rollout), request);
    }

    /// <summary>
    /// Entitlement first, on the practice of the very facts that will decide; only then rule 0 on the state as a whole,
    /// which tells an entitled caller what is wrong with its own patient's data.
    /// </summary>
    private static Refusal? Check(DecisionQuestion question, DecisionRequest request, PolicyState state)
    {
        if (request.Patient is null)
        {
            return Refusal.NotEntitled;
        }

        // A registration at a practice with no settings has no Practice in the request: its ODS is looked up only to say
        // which refusal to give (both refuse; the state is not decided from).
        var ods = request.Practice?.Ods ?? state.FindPatient(question.NhsNumber)?.Ods;
        if (ods is null || !Entitled(question, ods))
        {
            return Refusal.NotEntitled;
        }

        return RequestValidator.FindProblem(request) switch
        {
            null => null,
            { Field: "practice" } => new Refusal(RefusalKind.Undecidable, "nhs_number", "the patient's practice is not known to RecordAccess."),
            var problem => new Refusal(RefusalKind.Undecidable, "nhs_number", $"the policy state of this patient cannot be trusted ({problem.Field} {problem.Message})."),
        };
    }

    /// <summary>Whether the caller may ask this at all, whatever the patient (a check of the caller alone, so it tells nothing).</summary>
    private static bool MayAsk(DecisionQuestion question) => question.Caller.Kind switch
    {
        CallerKind.Patient => question.Purpose == DecisionPurpose.Evaluate,
        CallerKind.Supplier => question.Caller.HasScope(question.Purpose == DecisionPurpose.Explain ? Caller.AdminScope : Caller.EvaluateScope),
        _ => true,
    };

    private static bool Entitled(DecisionQuestion question, string ods) => question.Caller.Kind switch
    {
        CallerKind.Patient => question.Purpose == DecisionPurpose.Evaluate && question.Caller.MayReadOwnRecord(question.NhsNumber),
        _ => question.Purpose == DecisionPurpose.Explain ? question.Caller.MayAdminister(ods) : question.Caller.MayEvaluate(ods),
    };

    private DecisionOutcome<T> Audited<T>(T answer, bool auditFailed, Guid decisionId, Admitted admitted, DecisionQuestion question)
    {
        if (!auditFailed)
        {
            return new DecisionOutcome<T>.Decided(answer, admitted.Request);
        }

        LogAuditFailed(logger, question.Surface, decisionId);
        nearMisses.Record(NearMissKind.AuditFailure, admitted.Request.Practice?.Ods, question.NhsNumber,
            $"Decision {decisionId} ({question.Surface}, {question.Purpose}, caller {question.Caller.AuditName}) was answered UNAVAILABLE: its audit could not be written, so nothing was decided.");
        return new DecisionOutcome<T>.Unavailable(AuditUnavailable);
    }

    /// <summary>
    /// A refusal because this server's state may be stale (decision 0078) is a near miss of the patient's practice when the
    /// caller may act for that practice; a server still loading is not one (decision 0119). A caller not entitled to the
    /// patient is refused alike (no oracle) but records nothing: it could otherwise name any NHS number in another
    /// practice's list and, sending a lot, push real near misses out of the bounded queue.
    /// </summary>
    private void RecordStaleRefusal(DecisionQuestion question, string problem)
    {
        if (runtime.IsReady && runtime.State.FindPatient(question.NhsNumber)?.Ods is { } ods && Entitled(question, ods))
        {
            nearMisses.Record(NearMissKind.StaleStateRefusal, ods, question.NhsNumber,
                $"A {question.Purpose} question ({question.Surface}, caller {question.Caller.AuditName}) was refused UNAVAILABLE: this server's policy state may be stale ({problem}).");
        }
    }

    private Task<bool> WaitAsync(long version, CancellationToken cancellationToken) =>
        runtime.WaitForVersionAsync(version, options.Value.MinVersionWait, cancellationToken);

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Decision {DecisionId} ({Surface}): the audit could not be written; nothing was answered")]
    private static partial void LogAuditFailed(ILogger logger, string surface, Guid decisionId);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Decision {DecisionId}: the staged rule {Rule} would answer {Count} entries differently (shadow)")]
    private static partial void LogShadowDifferences(ILogger logger, Guid decisionId, int count, string rule);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "{Surface}: the policy state may be stale ({Problem}); nothing was decided")]
    private static partial void LogStateNotTrusted(ILogger logger, string surface, string problem);
}
