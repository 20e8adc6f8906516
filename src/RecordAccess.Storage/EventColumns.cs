using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Storage;

/// <summary>
/// How each kind of change maps onto the typed columns of <c>policy_events</c>: <c>nhs_number</c>,
/// <c>ods</c>, <c>item_id</c> (entry or flag id), <c>code</c>, <c>first_date</c>, <c>second_date</c>, <c>flag</c>.
/// The kind is stored by name; names are never changed.
/// </summary>
internal static class EventColumns
{
    public const string SelectList =
        "version, recorded_at, kind, actor_kind, actor_id, actor_ods, actor_role, reason, nhs_number, ods, item_id, code, first_date, second_date, flag";

    public const string InsertList = SelectList;

    public static readonly string[] KindNames = Enum.GetNames<PolicyChangeKind>();

    private static readonly Dictionary<string, PolicyChangeKind> KindsByName =
        Enum.GetValues<PolicyChangeKind>().Where(k => k != PolicyChangeKind.None).ToDictionary(k => k.ToString(), StringComparer.Ordinal);

    public static PolicyChangeKind KindOf(string name) =>
        KindsByName.TryGetValue(name, out var kind) ? kind : throw new InvalidOperationException($"The policy log holds an unknown event kind '{name}'.");

    public static Columns Of(PolicyChange change) => change switch
    {
        PracticeSettingsChanged c => new(null, c.Ods, null, null, c.SwitchOnDate, null, c.OptedOut),
        PatientRegistered c => new(c.NhsNumber, c.Ods, null, null, c.DateOfBirth, c.RegistrationDate, null),
        PatientCodeRecorded c => new(c.NhsNumber, null, null, c.Code, c.EffectiveDate, null, null),
        SafeguardingFlagRaised c => new(c.NhsNumber, null, c.FlagId, null, null, null, null),
        SafeguardingFlagResolved c => new(c.NhsNumber, null, c.FlagId, null, null, null, null),
        IndividualGrantGiven c => new(c.NhsNumber, null, null, null, c.GrantDate, null, null),
        IndividualStartDateSet c => new(c.NhsNumber, null, null, null, c.StartDate, null, null),
        HistoricAccessGranted c => new(c.NhsNumber, null, null, null, c.FromDate, null, null),
        EntryRedacted c => new(c.NhsNumber, null, c.EntryId, null, null, null, null),
        EntryUnredacted c => new(c.NhsNumber, null, c.EntryId, null, null, null, null),
        EntryReleased c => new(c.NhsNumber, null, c.EntryId, null, null, null, null),
        EntryReleaseWithdrawn c => new(c.NhsNumber, null, c.EntryId, null, null, null, null),
        PatientChange c => new(c.NhsNumber, null, null, null, null, null, null),
        _ => throw new InvalidOperationException($"Unknown change {change.GetType().Name}."),
    };

    public static PolicyChange ToChange(PolicyChangeKind kind, Columns c)
    {
        var nhs = c.NhsNumber!;
        return kind switch
        {
            PolicyChangeKind.PracticeSettingsChanged => new PracticeSettingsChanged(c.Ods!, c.FirstDate!.Value, c.Flag!.Value),
            PolicyChangeKind.PatientRegistered => new PatientRegistered(nhs, c.Ods!, c.FirstDate!.Value, c.SecondDate!.Value),
            PolicyChangeKind.PatientCodeRecorded => new PatientCodeRecorded(nhs, c.Code!, c.FirstDate!.Value),
            PolicyChangeKind.PatientRestricted => new PatientRestricted(nhs),
            PolicyChangeKind.PatientRestrictionLifted => new PatientRestrictionLifted(nhs),
            PolicyChangeKind.SafeguardingFlagRaised => new SafeguardingFlagRaised(nhs, c.ItemId!),
            PolicyChangeKind.SafeguardingFlagResolved => new SafeguardingFlagResolved(nhs, c.ItemId!),
            PolicyChangeKind.IndividualGrantGiven => new IndividualGrantGiven(nhs, c.FirstDate!.Value),
            PolicyChangeKind.IndividualGrantRevoked => new IndividualGrantRevoked(nhs),
            PolicyChangeKind.IndividualStartDateSet => new IndividualStartDateSet(nhs, c.FirstDate!.Value),
            PolicyChangeKind.IndividualStartDateRemoved => new IndividualStartDateRemoved(nhs),
            PolicyChangeKind.HistoricAccessGranted => new HistoricAccessGranted(nhs, c.FirstDate!.Value),
            PolicyChangeKind.HistoricAccessRevoked => new HistoricAccessRevoked(nhs),
            PolicyChangeKind.EntryRedacted => new EntryRedacted(nhs, c.ItemId!),
            PolicyChangeKind.EntryUnredacted => new EntryUnredacted(nhs, c.ItemId!),
            PolicyChangeKind.EntryReleased => new EntryReleased(nhs, c.ItemId!),
            PolicyChangeKind.EntryReleaseWithdrawn => new EntryReleaseWithdrawn(nhs, c.ItemId!),
            _ => throw new InvalidOperationException($"The policy log holds an unknown event kind {kind}."),
        };
    }

    public static PolicyChangeKind ParseKind(string name) =>
        Enum.TryParse<PolicyChangeKind>(name, ignoreCase: false, out var kind) && kind != PolicyChangeKind.None
            ? kind
            : throw new InvalidOperationException($"The policy log holds an unknown event kind '{name}'.");

    public static ActorKind ParseActorKind(string name) =>
        Enum.TryParse<ActorKind>(name, ignoreCase: false, out var kind) && kind != ActorKind.None
            ? kind
            : throw new InvalidOperationException($"The policy log holds an unknown actor kind '{name}'.");

    /// <summary>The typed columns of one change.</summary>
    internal readonly record struct Columns(
        string? NhsNumber, string? Ods, string? ItemId, string? Code, DateOnly? FirstDate, DateOnly? SecondDate, bool? Flag);
}
