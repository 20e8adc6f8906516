using System.Security.Cryptography;
using System.Text;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Batch coding: one access code for many patients of one practice, all or nothing.</summary>
public sealed partial class PolicyAdmin
{
    /// <summary>The most rows one batch may hold.</summary>
    public const int MaxBatchRows = 1_000_000;

    /// <summary>
    /// Records one access code for many patients of one practice in one atomic append. Invalid rows (bad
    /// NHS number, duplicates, unknown patients, patients of another practice) are reported line by line
    /// and reject the whole batch unless <see cref="BatchCoding.SkipInvalid"/> is set. Patients who
    /// already have the same code with the same date are left unchanged. With an idempotency key a
    /// retry of a committed batch (also one that changed nothing) is a no-op; a dry run changes nothing and reports what would change,
    /// including how many patients would lose or gain access today.
    /// </summary>
    /// <param name="context">Who and why.</param>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the batch before it commits.</param>
    public async Task<BatchCodingResult> BatchCodeAsync(ChangeContext context, BatchCoding batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var problems = new List<InputProblem>();
        AdminChecks.Context(context, reasonRequired: true, problems);
        var ods = AdminChecks.Ods(batch.Ods, "ods", problems);
        var code = AdminChecks.AccessCode(batch.Code, "code", problems);
        var today = Today;
        var effective = AdminChecks.PastDate(batch.EffectiveDate, "effectiveDate", today, problems);
        AdminChecks.Key(batch.IdempotencyKey, problems);

        if (batch.Rows is null || batch.Rows.Count == 0)
        {
            problems.Add(new("rows", "the batch has no rows"));
        }
        else if (batch.Rows.Count > MaxBatchRows)
        {
            problems.Add(new("rows", $"the batch has {batch.Rows.Count} rows; at most {MaxBatchRows} are allowed"));
        }

        var rejection = AdminRejection.InvalidInput;
        if (problems.Count == 0)
        {
            AdminChecks.Scope(context.Actor, ods, problems);
            rejection = AdminRejection.NotPermitted;
        }

        if (problems.Count > 0)
        {
            return new BatchCodingResult { Problems = problems, Rejection = rejection, DryRun = batch.DryRun, SkipInvalid = batch.SkipInvalid };
        }

        var rowProblems = new List<BatchRowProblem>();
        var candidates = ParseRows(batch.Rows!, rowProblems);
        var change = new PatientCodeRecorded("0000000000", code!, effective!.Value);
        if (batch.DryRun)
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            return Plan(State, ods!, change, candidates, rowProblems, today, batch) with { DryRun = true, Version = State.Version };
        }

        BatchCodingResult? plan = null;
        var outcome = await _store.AppendAsync(new AppendRequest
        {
            KnownVersion = State.Version,
            IdempotencyKey = batch.IdempotencyKey,
            Fingerprint = Fingerprint(ods!, code!, effective.Value, batch.SkipInvalid, batch.Rows!),
            KeepKeyWhenNothingAppended = () => plan is { Succeeded: true },
            Decide = missed =>
            {
                State.Apply(missed);
                plan = Plan(State, ods!, change, candidates, rowProblems, today, batch);
                if (!plan.Succeeded)
                {
                    return [];
                }

                var at = _clock.GetUtcNow();
                var reason = NormaliseReason(context.Reason);
                return [.. plan.Changed.Select(nhs => new PolicyEvent(at, context.Actor, reason, change with { NhsNumber = nhs }))];
            },
        }, cancellationToken).ConfigureAwait(false);

        switch (outcome.Status)
        {
            case AppendStatus.AlreadyApplied:
                // The original may have been committed by another server: in force here before the caller hears "done".
                if (State.Version < outcome.LastVersion)
                {
                    await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                }

                return new BatchCodingResult
                {
                    Replayed = true,
                    Version = outcome.LastVersion,
                    SkipInvalid = batch.SkipInvalid,
                    PatientsChanged = outcome.FirstVersion == 0 ? 0 : (int)(outcome.LastVersion - outcome.FirstVersion + 1),
                };
            case AppendStatus.KeyConflict:
                return new BatchCodingResult { Problems = [new("idempotencyKey", "was already used for a different batch")], Rejection = AdminRejection.StateConflict };
            default:
                State.Apply(outcome.Appended);
                return plan! with { Version = outcome.LastVersion, Changed = [] };
        }
    }

    /// <summary>Checks each row's NHS number and finds duplicates; returns the valid rows.</summary>
    private static List<(BatchRow Row, string Nhs)> ParseRows(IReadOnlyList<BatchRow> rows, List<BatchRowProblem> problems)
    {
        var valid = new List<(BatchRow, string)>(rows.Count);
        var seen = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            string? error = "is missing";
            var nhs = default(NhsNumber);
            if (row is null || !NhsNumber.TryParseDisplayed(row.NhsNumber?.Trim(), out nhs, out error))
            {
                problems.Add(new(row?.Line ?? 0, row?.NhsNumber ?? string.Empty, $"NHS number {error ?? "is missing"}"));
                continue;
            }

            if (seen.TryGetValue(nhs.Value, out var firstLine))
            {
                problems.Add(new(row.Line, row.NhsNumber ?? string.Empty, $"duplicate of line {firstLine}"));
                continue;
            }

            seen.Add(nhs.Value, row.Line);
            valid.Add((row, nhs.Value));
        }

        return valid;
    }

    /// <summary>What the batch would do to <paramref name="state"/>: row problems that need state, and the access counts.</summary>
    private static BatchCodingResult Plan(
        PolicyState state, string ods, PatientCodeRecorded change, List<(BatchRow Row, string Nhs)> candidates,
        List<BatchRowProblem> syntaxProblems, DateOnly today, BatchCoding batch)
    {
        var rowProblems = new List<BatchRowProblem>(syntaxProblems);
        var changed = new List<string>(candidates.Count);
        int unchanged = 0, lose = 0, gain = 0;
        var newCode = new PatientCode(change.Code, InputDate.Of(change.EffectiveDate));
        foreach (var (row, nhs) in candidates)
        {
            var before = state.BuildRequest(nhs, today, []);
            // One message for an unknown patient and another practice's (decision 0090): a row says nothing about elsewhere.
            if (before.Patient is null || !before.Patient.DateOfBirth.IsValid || before.Practice?.Ods != ods)
            {
                rowProblems.Add(new(row.Line, row.NhsNumber, "patient is not registered at this practice", AdminRejection.StateConflict));
                continue;
            }

            if (before.Patient.Codes.Any(c => c.Code == newCode.Code && c.EffectiveDate == newCode.EffectiveDate))
            {
                unchanged++;
                continue;
            }

            changed.Add(nhs);
            var after = before with { Patient = before.Patient with { Codes = [.. before.Patient.Codes, newCode] } };
            var hadAccess = HasAccess(before);
            var hasAccess = HasAccess(after);
            lose += hadAccess && !hasAccess ? 1 : 0;
            gain += !hadAccess && hasAccess ? 1 : 0;
        }

        rowProblems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new BatchCodingResult
        {
            SkipInvalid = batch.SkipInvalid,
            InvalidRows = rowProblems,
            PatientsChanged = changed.Count,
            PatientsUnchanged = unchanged,
            LoseAccessToday = lose,
            GainAccessToday = gain,
            Changed = changed,
        };
    }

    /// <summary>Patient-level access today: rules 0–7 all pass.</summary>
    private static bool HasAccess(DecisionRequest request) =>
        RequestValidator.FindProblem(request) is null && PatientVerdict.Of(request).Reason == ReasonCode.Visible;

    private static string Fingerprint(string ods, string code, DateOnly effective, bool skipInvalid, IReadOnlyList<BatchRow> rows)
    {
        var text = new StringBuilder(rows.Count * 12);
        text.Append(ods).Append('|').Append(code).Append('|').Append(effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('|').Append(skipInvalid);
        foreach (var row in rows)
        {
            text.Append('|').Append(row?.NhsNumber);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
