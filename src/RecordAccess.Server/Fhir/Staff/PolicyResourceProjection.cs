using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Replays one patient's history (in version order) into the Consents and Flags staff see. A new grant of a kind
/// supersedes the active one of that kind (only one is in force); access codes are never withdrawn.
/// </summary>
internal static class PolicyResourceProjection
{
    public const string Snomed = "http://snomed.info/sct";

    public static List<PolicyResource> Project(IEnumerable<RecordedEvent> history, string nhsNumber)
    {
        ArgumentNullException.ThrowIfNull(history);
        var resources = new List<PolicyResource>();
        string? ods = null;
        foreach (var (version, e) in history)
        {
            if (e.Change is not PatientChange change || change.NhsNumber != nhsNumber)
            {
                continue;
            }

            PolicyResource New(string type, string system, string code, DateOnly date, string? flagId = null)
            {
                var created = new PolicyResource(type, version, nhsNumber, ods, system, code, date, e.RecordedAt, flagId) { Reason = e.Reason };
                resources.Add(created);
                return created;
            }

            void End(Func<PolicyResource, bool> which)
            {
                foreach (var r in resources.Where(r => r.Active && which(r)))
                {
                    r.Active = false;
                    r.LastVersion = version;
                    r.LastUpdated = e.RecordedAt;
                    r.EndedOn = UkCalendar.DateAt(e.RecordedAt);
                    r.Reason = e.Reason;
                }
            }

            bool Grant(PolicyResource r, string kind) => r.ResourceType == "Consent" && r.Code == kind;
            switch (change)
            {
                case PatientRegistered c: ods = c.Ods; break;
                case PatientCodeRecorded c: New("Consent", Snomed, c.Code, c.EffectiveDate); break;
                case IndividualGrantGiven c: End(r => Grant(r, ConsentKinds.IndividualGrant)); New("Consent", ConsentKinds.System, ConsentKinds.IndividualGrant, c.GrantDate); break;
                case IndividualGrantRevoked: End(r => Grant(r, ConsentKinds.IndividualGrant)); break;
                case IndividualStartDateSet c: End(r => Grant(r, ConsentKinds.StartDate)); New("Consent", ConsentKinds.System, ConsentKinds.StartDate, c.StartDate); break;
                case IndividualStartDateRemoved: End(r => Grant(r, ConsentKinds.StartDate)); break;
                case HistoricAccessGranted c: End(r => Grant(r, ConsentKinds.HistoricAccess)); New("Consent", ConsentKinds.System, ConsentKinds.HistoricAccess, c.FromDate); break;
                case HistoricAccessRevoked: End(r => Grant(r, ConsentKinds.HistoricAccess)); break;
                case SafeguardingFlagRaised c: New("Flag", FlagCodes.System, FlagCodes.Safeguarding, UkCalendar.DateAt(e.RecordedAt), c.FlagId); break;
                case SafeguardingFlagResolved c: End(r => r.Code == FlagCodes.Safeguarding && r.FlagId == c.FlagId); break;
                case PatientRestricted: New("Flag", FlagCodes.System, FlagCodes.Restricted, UkCalendar.DateAt(e.RecordedAt)); break;
                case PatientRestrictionLifted: End(r => r.Code == FlagCodes.Restricted); break;
            }
        }

        return resources;
    }
}
