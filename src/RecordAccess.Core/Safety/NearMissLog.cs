using System.Globalization;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Safety;

/// <summary>
/// The near misses read from the policy log (decision 0120): <see cref="NearMissKind.BatchRevertedSoon"/> and
/// <see cref="NearMissKind.HideLiftedSoon"/>. A pure function of the events, so the definitions are tested without a
/// store. Each near miss occurs when the change that undid the earlier one was recorded.
/// </summary>
public static class NearMissLog
{
    /// <summary>1364731000000104, enhanced review indicated: blocks automatic access.</summary>
    public const string EnhancedReviewIndicated = "1364731000000104";

    /// <summary>1364751000000106, enhanced review not indicated: overrides an earlier 104.</summary>
    public const string EnhancedReviewNotIndicated = "1364751000000106";

    /// <summary>1290331000000103, online access declined by the patient.</summary>
    public const string AccessDeclined = "1290331000000103";

    /// <summary>
    /// Finds the batches reverted soon and the hides lifted soon among <paramref name="events"/>: every event recorded
    /// from <paramref name="from"/> minus the longer window up to <paramref name="to"/>, in version order. Returns the
    /// near misses that occurred in [<paramref name="from"/>, <paramref name="to"/>), oldest first, with the practice
    /// the patient was registered at when the undoing change was made (<paramref name="practiceOf"/>).
    /// </summary>
    /// <param name="events">The events, in version order.</param>
    /// <param name="options">The windows and the smallest batch.</param>
    /// <param name="from">Start of the period (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="practiceOf">The patient's practice as of a version (their last registration at or before it), or null.</param>
    public static IReadOnlyList<NearMiss> Find(
        IReadOnlyList<RecordedEvent> events, NearMissWindows options, DateTimeOffset from, DateTimeOffset to, Func<string, long, string?> practiceOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(practiceOf);
        var found = new List<NearMiss>();
        FindHidesLifted(events, options.HideLiftedWithin, from, to, practiceOf, found);
        FindBatchesReverted(events, options, from, to, practiceOf, found);
        found.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return found;
    }

    private static void FindHidesLifted(
        IReadOnlyList<RecordedEvent> events, TimeSpan window, DateTimeOffset from, DateTimeOffset to, Func<string, long, string?> practiceOf, List<NearMiss> found)
    {
        // The latest hide still in force per (patient, what was hidden): a lift pairs with it and ends it.
        var hides = new Dictionary<(string Nhs, string What), RecordedEvent>();
        foreach (var e in events)
        {
            ((string Nhs, string What) Key, bool Hiding, bool Lifts) kind = e.Event.Change switch
            {
                EntryRedacted c => ((c.NhsNumber, "entry " + c.EntryId), true, false),
                EntryUnredacted c => ((c.NhsNumber, "entry " + c.EntryId), false, true),
                PatientRestricted c => ((c.NhsNumber, "restriction"), true, false),
                PatientRestrictionLifted c => ((c.NhsNumber, "restriction"), false, true),
                SafeguardingFlagRaised c => ((c.NhsNumber, "flag " + c.FlagId), true, false),
                SafeguardingFlagResolved c => ((c.NhsNumber, "flag " + c.FlagId), false, true),
                _ => ((string.Empty, string.Empty), false, false),
            };
            var (key, hiding, lifts) = kind;

            if (hiding)
            {
                hides.TryAdd(key, e);
            }
            else if (lifts && hides.Remove(key, out var hide))
            {
                var (at, hiddenAt) = (e.Event.RecordedAt, hide.Event.RecordedAt);
                if (at - hiddenAt <= window && at >= from && at < to)
                {
                    found.Add(new NearMiss(NearMissKind.HideLiftedSoon, at, practiceOf(key.Nhs, e.Version), key.Nhs, null, HideDetail(key.What, hide, e)));
                }
            }
        }
    }

    private static string HideDetail(string what, RecordedEvent hide, RecordedEvent lift)
    {
        var (hidden, lifted) = what switch
        {
            _ when what.StartsWith("entry ", StringComparison.Ordinal) => ($"Entry {what[6..]} was hidden", "shown again"),
            "restriction" => ("The patient's record access was restricted", "the restriction lifted"),
            _ => ($"Safeguarding flag {what[5..]} was raised", "resolved"),
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{hidden} at {hide.Event.RecordedAt:yyyy-MM-dd HH:mm} UTC by {hide.Event.Actor} (\"{hide.Event.Reason}\", version {hide.Version}) and {lifted} {Duration(lift.Event.RecordedAt - hide.Event.RecordedAt)} later by {lift.Event.Actor} (\"{lift.Event.Reason}\", version {lift.Version}).");
    }

    private static void FindBatchesReverted(
        IReadOnlyList<RecordedEvent> events, NearMissWindows options, DateTimeOffset from, DateTimeOffset to, Func<string, long, string?> practiceOf, List<NearMiss> found)
    {
        for (var i = 0; i < events.Count;)
        {
            var end = BatchEnd(events, i);
            if (end - i >= options.MinBatchPatients)
            {
                CheckBatch(events, i, end, options.BatchRevertedWithin, from, to, practiceOf, found);
            }

            i = Math.Max(end, i + 1);
        }
    }

    /// <summary>
    /// The end (exclusive) of the batch starting at <paramref name="start"/>: the run of code events one append wrote
    /// (consecutive versions, one instant, actor, reason, code and effective date); <paramref name="start"/> itself when it is no code.
    /// </summary>
    private static int BatchEnd(IReadOnlyList<RecordedEvent> events, int start)
    {
        if (events[start].Event.Change is not PatientCodeRecorded first)
        {
            return start;
        }

        var end = start + 1;
        while (end < events.Count
            && events[end].Version == events[end - 1].Version + 1
            && events[end].Event.Change is PatientCodeRecorded next
            && next.Code == first.Code && next.EffectiveDate == first.EffectiveDate
            && events[end].Event.RecordedAt == events[start].Event.RecordedAt
            && events[end].Event.Actor == events[start].Event.Actor
            && events[end].Event.Reason == events[start].Event.Reason)
        {
            end++;
        }

        return end;
    }

    private static void CheckBatch(
        IReadOnlyList<RecordedEvent> events, int start, int end, TimeSpan window, DateTimeOffset from, DateTimeOffset to,
        Func<string, long, string?> practiceOf, List<NearMiss> found)
    {
        var batch = events[start];
        var code = (PatientCodeRecorded)batch.Event.Change;
        var patients = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < end; i++)
        {
            patients.Add(((PatientCodeRecorded)events[i].Event.Change).NhsNumber);
        }

        var reverted = new HashSet<string>(StringComparer.Ordinal);
        RecordedEvent? first = null;
        for (var i = end; i < events.Count && events[i].Event.RecordedAt - batch.Event.RecordedAt <= window; i++)
        {
            var e = events[i];
            if (e.Event.Change is PatientChange change && patients.Contains(change.NhsNumber) && Reverts(code, change) && reverted.Add(change.NhsNumber))
            {
                first ??= e;
            }
        }

        if (first is null || first.Event.RecordedAt < from || first.Event.RecordedAt >= to)
        {
            return;
        }

        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"Batch coding of {patients.Count} patients with {CodeName(code.Code)} (effective {code.EffectiveDate:yyyy-MM-dd}) at {batch.Event.RecordedAt:yyyy-MM-dd HH:mm} UTC by {batch.Event.Actor} (\"{batch.Event.Reason}\", versions {batch.Version}-{events[end - 1].Version}): undone for {reverted.Count} of them within {Duration(window)}, first {Duration(first.Event.RecordedAt - batch.Event.RecordedAt)} later by {first.Event.Actor} (\"{first.Event.Reason}\", version {first.Version}).");
        found.Add(new NearMiss(NearMissKind.BatchRevertedSoon, first.Event.RecordedAt, practiceOf(code.NhsNumber, batch.Version), null, null, detail));
    }

    /// <summary>
    /// Whether <paramref name="later"/> undoes what the batch's <paramref name="code"/> did for its patient: a 104 by a 106
    /// dated on or after it or an individual grant dated after it; a 106 by a 104 dated on or after it; a 103 by an
    /// individual grant dated after it.
    /// </summary>
    private static bool Reverts(PatientCodeRecorded code, PatientChange later) => (code.Code, later) switch
    {
        (EnhancedReviewIndicated, PatientCodeRecorded { Code: EnhancedReviewNotIndicated } c) => c.EffectiveDate >= code.EffectiveDate,
        (EnhancedReviewIndicated or AccessDeclined, IndividualGrantGiven g) => g.GrantDate > code.EffectiveDate,
        (EnhancedReviewNotIndicated, PatientCodeRecorded { Code: EnhancedReviewIndicated } c) => c.EffectiveDate >= code.EffectiveDate,
        _ => false,
    };

    private static string CodeName(string code) => code switch
    {
        EnhancedReviewIndicated => "104 (enhanced review indicated)",
        EnhancedReviewNotIndicated => "106 (enhanced review not indicated)",
        AccessDeclined => "103 (access declined by patient)",
        _ => code,
    };

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalMinutes):0} min");
}
