using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Admin;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;
using V1 = RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Safety;

/// <summary>
/// recordaccess.v1.RecordAccessSafety (issue 15): incidents, replays, near misses and reports over gRPC, through
/// <see cref="IncidentDesk"/> and <see cref="NearMissFinder"/>. Errors as the admin service maps them; a patient the
/// caller may not act for is NOT_FOUND with the unknown-patient message (decision 0090); national scope needs
/// <see cref="SafetyAccess.NationalScope"/> (decision 0116).
/// </summary>
internal sealed class SafetyService(IncidentDesk desk, NearMissFinder nearMisses) : V1.RecordAccessSafety.RecordAccessSafetyBase
{
    private const string NoIncident = "no incident with this id at a practice the caller may act for.";
    private const string NoDecision = "no decision with this id for a patient the caller may act for.";

    public override async Task<V1.IncidentResponse> RecordIncident(V1.RecordIncidentRequest request, ServerCallContext context)
    {
        var caller = RequirePracticeCaller(context);
        var nhs = AdminAccess.ParseNhs(request.NhsNumber);
        var report = new IncidentReport(
            Enum<IncidentCategory>((int)request.Category, "category"),
            Enum<HarmLevel>((int)request.Harm, "harm"),
            Enum<IncidentOutcome>((int)request.Outcome, "outcome"),
            request.Description,
            request.OccurredAt?.ToDateTimeOffset() ?? throw AdminErrors.Invalid("occurred_at", "is required"),
            [.. request.DecisionIds.Select(d => Guid.TryParse(d, out var id) ? id : throw AdminErrors.Invalid("decision_ids", $"'{RpcErrors.Quote(d)}' is not a decision id"))],
            [.. request.EntryIds]);
        var key = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey;
        var outcome = await desk.RecordAsync(caller, nhs, report, key, context.CancellationToken).ConfigureAwait(false);
        if (GateOutcomes.Problem(outcome) is { } problem)
        {
            throw problem;
        }

        var recorded = ((Decisions.DecisionOutcome<IncidentRecording>.Decided)outcome).Answer;
        var response = new V1.IncidentResponse { Incident = ToProto(recorded.Incident), Replayed = recorded.Replayed };
        response.Replays.AddRange(recorded.Replays.Select(ToProto));
        return response;
    }

    public override async Task<V1.IncidentResponse> GetIncident(V1.GetIncidentRequest request, ServerCallContext context)
    {
        var caller = RequireCaller(context);
        var id = Guid.TryParse(request.IncidentId, out var parsed) ? parsed : throw AdminErrors.Invalid("incident_id", "is not an incident id");
        var stored = await desk.GetAsync(caller, id, context.CancellationToken).ConfigureAwait(false)
            ?? throw RpcErrors.Of(StatusCode.NotFound, $"incident_id: {NoIncident}");
        var response = new V1.IncidentResponse { Incident = ToProto(stored.Incident) };
        response.Replays.AddRange(stored.Replays.Select(ToProto));
        return response;
    }

    public override async Task<V1.ListIncidentsResponse> ListIncidents(V1.PeriodRequest request, ServerCallContext context)
    {
        var (ods, from, to) = RequirePeriod(context, request);
        var response = new V1.ListIncidentsResponse();
        response.Incidents.AddRange((await desk.ListAsync(ods, from, to, context.CancellationToken).ConfigureAwait(false)).Select(ToProto));
        return response;
    }

    public override async Task<V1.ReplayDecisionResponse> ReplayDecision(V1.ReplayDecisionRequest request, ServerCallContext context)
    {
        var caller = RequireCaller(context);
        var id = Guid.TryParse(request.DecisionId, out var parsed) ? parsed : throw AdminErrors.Invalid("decision_id", "is not a decision id");
        var replays = await desk.ReplayAsync(caller, id, context.CancellationToken).ConfigureAwait(false);
        if (replays.Count == 0)
        {
            throw RpcErrors.Of(StatusCode.NotFound, $"decision_id: {NoDecision}");
        }

        var response = new V1.ReplayDecisionResponse();
        response.Replays.AddRange(replays.Select(ToProto));
        return response;
    }

    public override async Task<V1.ListNearMissesResponse> ListNearMisses(V1.PeriodRequest request, ServerCallContext context)
    {
        var (ods, from, to) = RequirePeriod(context, request);
        var found = await nearMisses.ListAsync(ods, from, to, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListNearMissesResponse();
        response.NearMisses.AddRange(found.Select(n => new V1.NearMiss
        {
            Kind = n.Kind.ToString(),
            OccurredAt = Timestamp.FromDateTimeOffset(n.OccurredAt),
            Ods = n.Ods ?? string.Empty,
            NhsNumber = n.NhsNumber ?? string.Empty,
            DecisionId = n.DecisionId?.ToString() ?? string.Empty,
            Detail = n.Detail,
        }));
        return response;
    }

    public override async Task<V1.SafetyReport> GetSafetyReport(V1.PeriodRequest request, ServerCallContext context)
    {
        var (ods, from, to) = RequirePeriod(context, request);
        var report = await desk.ReportAsync(ods, from, to, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.SafetyReport
        {
            Ods = report.Ods ?? string.Empty,
            From = Timestamp.FromDateTimeOffset(report.From),
            To = Timestamp.FromDateTimeOffset(report.To),
            Incidents = (uint)report.Incidents.Count,
            NearMissIncidents = (uint)report.Incidents.Count(i => i.Report.Outcome == IncidentOutcome.NearMiss),
            HarmIncidents = (uint)report.Incidents.Count(i => i.Report.Outcome == IncidentOutcome.Harm),
            ReplayMismatches = (uint)report.ReplayMismatches,
        };
        response.ByCategoryAndHarm.AddRange(report.ByCategoryAndHarm.Select(c => new V1.IncidentCount
        {
            Category = (V1.IncidentCategory)((int)c.Category + 1),
            Harm = (V1.HarmLevel)((int)c.Harm + 1),
            Outcome = (V1.IncidentOutcome)((int)c.Outcome + 1),
            Count = (uint)c.Count,
        }));
        response.NearMissesByKind.AddRange(report.NearMissesByKind.Select(n => new V1.NearMissCount { Kind = n.Kind, Count = (uint)n.Count }));
        return response;
    }

    public override async Task<V1.ExportSafetyReportResponse> ExportSafetyReport(V1.ExportSafetyReportRequest request, ServerCallContext context)
    {
        var (ods, from, to) = RequirePeriod(context, request.Period ?? throw AdminErrors.Invalid("period", "is required"));
        var report = await desk.ReportAsync(ods, from, to, context.CancellationToken).ConfigureAwait(false);
        return request.Format switch
        {
            V1.ExportFormat.Csv => new V1.ExportSafetyReportResponse { ContentType = "text/csv; charset=utf-8", Content = desk.ExportCsv(report) },
            V1.ExportFormat.CsvSummary => new V1.ExportSafetyReportResponse { ContentType = "text/csv; charset=utf-8", Content = desk.ExportSummaryCsv(report) },
            V1.ExportFormat.Fhir => new V1.ExportSafetyReportResponse { ContentType = "application/fhir+json", Content = desk.ExportFhir(report) },
            _ => throw AdminErrors.Invalid("format", "must be CSV, CSV_SUMMARY or FHIR"),
        };
    }

    private static Caller RequireCaller(ServerCallContext context)
    {
        var caller = context.RequireAdminCaller();
        if (caller.Kind == CallerKind.Supplier && !caller.HasScope(Caller.AdminScope) && !SafetyAccess.IsNational(caller))
        {
            throw RpcErrors.Of(StatusCode.PermissionDenied, $"The caller may not use the safety service without the scope {Caller.AdminScope} or {SafetyAccess.NationalScope}.");
        }

        return caller;
    }

    private static Caller RequirePracticeCaller(ServerCallContext context)
    {
        var caller = context.RequireAdminCaller();
        return caller.Kind == CallerKind.Supplier && !caller.HasScope(Caller.AdminScope)
            ? throw RpcErrors.Of(StatusCode.PermissionDenied, $"The caller may not record incidents for any practice without the scope {Caller.AdminScope}.")
            : caller;
    }

    private static (string? Ods, DateTimeOffset From, DateTimeOffset To) RequirePeriod(ServerCallContext context, V1.PeriodRequest request)
    {
        var caller = RequireCaller(context);
        var from = request.From?.ToDateTimeOffset() ?? throw AdminErrors.Invalid("from", "is required");
        var to = request.To?.ToDateTimeOffset() ?? throw AdminErrors.Invalid("to", "is required");
        if (from >= to)
        {
            throw AdminErrors.Invalid("to", "must be after from");
        }

        if (string.IsNullOrEmpty(request.Ods))
        {
            return SafetyAccess.IsNational(caller)
                ? (null, from, to)
                : throw RpcErrors.Of(StatusCode.PermissionDenied, $"ods: a national report needs the scope {SafetyAccess.NationalScope}; name your practice.");
        }

        var ods = AdminAccess.ParseOds(request.Ods);
        return SafetyAccess.MayRead(caller, ods)
            ? (ods, from, to)
            : throw RpcErrors.Of(StatusCode.PermissionDenied, "ods: the caller may not read this practice's incidents.");
    }

    private static T Enum<T>(int value, string field)
        where T : struct, System.Enum
    {
        var core = (T)(object)(value - 1);
        return value > 0 && System.Enum.IsDefined(core) ? core : throw AdminErrors.Invalid(field, "is not a known value");
    }

    private static V1.Incident ToProto(Incident i)
    {
        var proto = new V1.Incident
        {
            IncidentId = i.Id.ToString(),
            Ods = i.Ods,
            NhsNumber = i.NhsNumber,
            Category = (V1.IncidentCategory)((int)i.Report.Category + 1),
            Harm = (V1.HarmLevel)((int)i.Report.Harm + 1),
            Outcome = (V1.IncidentOutcome)((int)i.Report.Outcome + 1),
            Description = i.Report.Description,
            OccurredAt = Timestamp.FromDateTimeOffset(i.Report.OccurredAt),
            RecordedBy = i.RecordedBy.ToString(),
            RecordedAt = Timestamp.FromDateTimeOffset(i.RecordedAt),
            Sequence = (ulong)i.Sequence,
        };
        proto.DecisionIds.AddRange(i.Report.DecisionIds.Select(d => d.ToString()));
        proto.EntryIds.AddRange(i.Report.EntryIds);
        return proto;
    }

    private static V1.DecisionReplay ToProto(DecisionReplay r) => new()
    {
        DecisionId = r.DecisionId.ToString(),
        EntryId = r.EntryId,
        AuditedReason = r.AuditedReason,
        ReplayedReason = r.ReplayedReason,
        Reproduced = r.Reproduced,
        StateVersion = (ulong)r.StateVersion,
        RuleSetVersion = r.RuleSetVersion,
        Flags = r.Flags ?? string.Empty,
        DecidingFact = r.DecidingFact,
        FactRecordedBy = r.FactRecordedBy ?? string.Empty,
        FactRecordedAt = r.FactRecordedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        FactVersion = (ulong)(r.FactVersion ?? 0),
        TodayReason = r.TodayReason,
        WouldDecideDifferentlyToday = r.WouldDecideDifferentlyToday,
        Severe = r.IsMismatch,
    };
}
