using Google.Protobuf.WellKnownTypes;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Admin;

/// <summary>Maps a recorded event to the contract's <see cref="ChangeEvent"/>: only the fields its kind uses are set.</summary>
internal static class ChangeEvents
{
    public static ChangeEvent ToMessage(RecordedEvent recorded, string ods)
    {
        var e = recorded.Event;
        var message = new ChangeEvent
        {
            Version = (ulong)recorded.Version,
            Kind = e.Change.Kind.ToString(),
            RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt),
            Actor = new Contracts.V1.Actor
            {
                Kind = e.Actor.Kind.ToString().ToLowerInvariant(),
                Id = e.Actor.Id,
                Ods = e.Actor.Ods ?? "",
                Role = e.Actor.Role ?? "",
            },
            Reason = e.Reason ?? "",
            Ods = ods,
        };
        if (e.Change is PatientChange patient)
        {
            message.NhsNumber = patient.NhsNumber;
        }

        switch (e.Change)
        {
            case PracticeSettingsChanged c:
                message.Date = PatientStates.Text(c.SwitchOnDate);
                message.OptedOut = c.OptedOut;
                break;
            case PatientRegistered c:
                message.Date = PatientStates.Text(c.RegistrationDate);
                message.DateOfBirth = PatientStates.Text(c.DateOfBirth);
                break;
            case PatientCodeRecorded c:
                message.Date = PatientStates.Text(c.EffectiveDate);
                message.Code = c.Code;
                break;
            case SafeguardingFlagRaised c:
                message.FlagId = c.FlagId;
                break;
            case SafeguardingFlagResolved c:
                message.FlagId = c.FlagId;
                break;
            case IndividualGrantGiven c:
                message.Date = PatientStates.Text(c.GrantDate);
                break;
            case IndividualStartDateSet c:
                message.Date = PatientStates.Text(c.StartDate);
                break;
            case HistoricAccessGranted c:
                message.Date = PatientStates.Text(c.FromDate);
                break;
            case EntryRedacted c:
                message.EntryId = c.EntryId;
                break;
            case EntryUnredacted c:
                message.EntryId = c.EntryId;
                break;
            case EntryReleased c:
                message.EntryId = c.EntryId;
                break;
            case EntryReleaseWithdrawn c:
                message.EntryId = c.EntryId;
                break;
        }

        return message;
    }
}
