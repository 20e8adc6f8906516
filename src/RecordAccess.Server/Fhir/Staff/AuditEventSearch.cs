using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// <c>GET AuditEvent?patient=…&amp;date=ge2024-01-01&amp;date=lt2024-02-01</c>: the patient's decision audits and policy
/// changes, oldest first. <c>date</c> takes eq/ge/gt/le/lt (default eq) and a UK calendar date (YYYY-MM-DD).
/// </summary>
internal sealed class AuditEventSearch(PolicyRuntime runtime)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (StaffAccess.Caller(context, out var unauthenticated) is not { } caller)
        {
            return unauthenticated!;
        }

        var (nhs, invalid) = StaffSearch.Patient(context.Request.Query, "date");
        if (nhs is null)
        {
            return invalid!;
        }

        var filters = new List<Func<DateOnly, bool>>();
        foreach (var value in context.Request.Query["date"])
        {
            if (DateFilter(value) is not { } filter)
            {
                return FhirOutcomes.Invalid($"date '{value}' must be a YYYY-MM-DD date with an optional prefix eq, ge, gt, le or lt.", "date", "value");
            }

            filters.Add(filter);
        }

        // The audits are read first and the history after: the history's practice authorises, so a patient who moved
        // before or while the audits were read is refused, never shown to the practice left (decision 0090).
        var audits = new List<Core.Policy.Audit.DecisionAuditRecord>();
        await foreach (var record in runtime.Store.ReadForPatientAsync(nhs, context.RequestAborted).ConfigureAwait(false))
        {
            audits.Add(record);
        }

        var history = new List<RecordedEvent>();
        await foreach (var recorded in runtime.Store.ReadPatientHistoryAsync(nhs, context.RequestAborted).ConfigureAwait(false))
        {
            history.Add(recorded);
        }

        if (StaffAccess.Authorize(caller, nhs, history) is { } refused)
        {
            return refused;
        }

        var events = new List<(DateTimeOffset At, Hl7.Fhir.Model.AuditEvent Resource)>();
        foreach (var record in audits)
        {
            events.Add((record.RecordedAt, AuditEventMapper.FromDecision(record)));
        }

        foreach (var recorded in history)
        {
            if (recorded.Event.Change is PatientChange change && change.NhsNumber == nhs)
            {
                events.Add((recorded.Event.RecordedAt, AuditEventMapper.FromChange(recorded, change)));
            }
        }

        var matches = events
            .Where(e => filters.TrueForAll(f => f(UkCalendar.DateAt(e.At))))
            .OrderBy(e => e.At)
            .Select(e => (Hl7.Fhir.Model.Resource)e.Resource)
            .ToList();
        return new FhirResult(StatusCodes.Status200OK, StaffSearch.Bundle(context, matches, "AuditEvent"));
    }

    private static Func<DateOnly, bool>? DateFilter(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var prefix = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[..2] : "eq";
        var text = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[2..] : value;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        return prefix switch
        {
            "eq" => d => d == date,
            "ge" => d => d >= date,
            "gt" => d => d > date,
            "le" => d => d <= date,
            "lt" => d => d < date,
            _ => null,
        };
    }
}
