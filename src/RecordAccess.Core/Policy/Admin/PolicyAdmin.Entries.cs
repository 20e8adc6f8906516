using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Changes to single entries of a patient's record: redaction and release.</summary>
public sealed partial class PolicyAdmin
{
    /// <summary>Marks an entry not visible online, by the GP system's stable entry id. An entry already redacted is <see cref="AdminResult.Unchanged"/>.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The GP system's stable entry id.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RedactEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, nameof(EntryRedacted), idempotencyKey, (nhs, id, p) =>
            p.RedactedEntries.Contains(id) ? NoChange.Instance : new EntryRedacted(nhs, id), cancellationToken);

    /// <summary>Removes an entry's redaction. An entry that is not redacted is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The GP system's stable entry id.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> UnredactEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, nameof(EntryUnredacted), idempotencyKey, (nhs, id, p) =>
            !p.RedactedEntries.Contains(id) ? Conflict("entryId", "the entry is not redacted") : new EntryUnredacted(nhs, id), cancellationToken);

    /// <summary>Releases a sensitive entry (a clinician's decision, so staff need a clinical role, <see cref="StaffRoles"/>; lifts rule 11 for that entry only). An entry already released is <see cref="AdminResult.Unchanged"/>.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The GP system's stable entry id.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> ReleaseEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, nameof(EntryReleased), idempotencyKey, (nhs, id, p) =>
            p.ReleasedEntries.Contains(id) ? NoChange.Instance : new EntryReleased(nhs, id), cancellationToken, "releasing a sensitive entry");

    /// <summary>Withdraws the release of a sensitive entry. An entry that is not released is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The GP system's stable entry id.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> WithdrawReleaseAsync(ChangeContext context, string? nhsNumber, string? entryId, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, nameof(EntryReleaseWithdrawn), idempotencyKey, (nhs, id, p) =>
            !p.ReleasedEntries.Contains(id) ? Conflict("entryId", "the entry is not released") : new EntryReleaseWithdrawn(nhs, id), cancellationToken);
}
