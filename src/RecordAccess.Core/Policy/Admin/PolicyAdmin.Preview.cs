using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Previews of a change before it is made, by the same patient-level verdict the batch preview uses.</summary>
public sealed partial class PolicyAdmin
{
    /// <summary>
    /// What new practice settings would do today, without changing anything: of the practice's registered patients,
    /// how many would gain and how many would lose access (patient-level rules 1–7 with the national pause off), read
    /// from this server's state at <see cref="PracticeSettingsPreview.Version"/>. Input is checked as
    /// <see cref="SetPracticeSettingsAsync(ChangeContext, string?, string?, bool, string?, CancellationToken)"/> checks it.
    /// </summary>
    /// <param name="actor">Who asks (staff only of their own practice).</param>
    /// <param name="ods">The practice.</param>
    /// <param name="switchOnDate">The proposed switch-on date, <c>YYYY-MM-DD</c>.</param>
    /// <param name="optedOut">The proposed opt-out.</param>
    public PracticeSettingsPreview PreviewPracticeSettings(Actor actor, string? ods, string? switchOnDate, bool optedOut)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var problems = new List<InputProblem>();
        var today = Today;
        var code = AdminChecks.Ods(ods, "ods", problems);
        var date = AdminChecks.ScheduledDate(switchOnDate, "switchOnDate", today, problems);
        if (problems.Count > 0)
        {
            return new PracticeSettingsPreview { Problems = problems, Rejection = AdminRejection.InvalidInput };
        }

        AdminChecks.Scope(actor, code, problems);
        if (problems.Count > 0)
        {
            return new PracticeSettingsPreview { Problems = problems, Rejection = AdminRejection.NotPermitted };
        }

        var version = State.Version;
        int gain = 0, lose = 0, patients = 0;
        foreach (var nhs in State.PatientsOf(code!))
        {
            var before = State.BuildRequest(nhs, today, []);
            var after = before with { Practice = new PracticeFacts { Ods = code!, SwitchOnDate = InputDate.Of(date!.Value), OptedOut = optedOut } };
            var had = HasAccess(before);
            var has = HasAccess(after);
            patients++;
            gain += !had && has ? 1 : 0;
            lose += had && !has ? 1 : 0;
        }

        return new PracticeSettingsPreview { Version = version, Patients = patients, GainAccessToday = gain, LoseAccessToday = lose };
    }

    /// <summary>How many of the practice's registered patients have online access today (patient-level rules 1–7, national pause off).</summary>
    /// <param name="ods">The practice.</param>
    public int PatientsWithAccessToday(string ods)
    {
        ArgumentNullException.ThrowIfNull(ods);
        var today = Today;
        return State.PatientsOf(ods).Count(nhs => HasAccess(State.BuildRequest(nhs, today, [])));
    }
}
