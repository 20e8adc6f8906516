using System.CommandLine;
using System.Globalization;
using RecordAccess.Cli.Store;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess history --patient NHS</c>: every change to one patient's facts, with who, when and why.</summary>
internal static class HistoryCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var store = new StoreArguments();
        var patient = new Option<string>("--patient") { Description = "The patient's NHS number (10 digits).", Required = true };
        var command = new Command(
            "history",
            "Print every event of one patient and of their practices' settings, oldest first: version, time (UTC), change, who, why.\n"
            + "Exit codes: 0 printed (nothing when the store knows nothing of the patient); 2 bad option; 1 the store failed.")
        {
            patient,
        };
        store.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(store.TryRead(parse, stderr, "history", out var options) ? options : null, parse.GetValue(patient)!, stdout, stderr, ct));
        return command;
    }

    private static async Task<int> RunAsync(StorageOptions? options, string patient, Stream stdout, TextWriter stderr, CancellationToken ct)
    {
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        if (!NhsNumber.TryParseDisplayed(patient, out var nhs, out var error))
        {
            stderr.WriteLine($"recordaccess history: --patient {error}");
            return ExitCodes.BadInput;
        }

        try
        {
            await using var policyStore = await PolicyStore.OpenAsync(options, ct);
            using var writer = new StreamWriter(stdout, leaveOpen: true);
            await foreach (var e in policyStore.ReadPatientHistoryAsync(nhs.Value, ct))
            {
                writer.WriteLine(Line(e));
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            stderr.WriteLine($"recordaccess history: the store failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string Line(RecordedEvent recorded)
    {
        var e = recorded.Event;
        var what = e.Change switch
        {
            PracticeSettingsChanged c => $"practice {c.Ods} switch-on {D(c.SwitchOnDate)} opted-out {c.OptedOut.ToString().ToLowerInvariant()}",
            PatientRegistered c => $"registered at {c.Ods} on {D(c.RegistrationDate)}, born {D(c.DateOfBirth)}",
            PatientCodeRecorded c => $"code {c.Code} effective {D(c.EffectiveDate)}",
            SafeguardingFlagRaised c => $"flag {c.FlagId}",
            SafeguardingFlagResolved c => $"flag {c.FlagId}",
            IndividualGrantGiven c => $"dated {D(c.GrantDate)}",
            IndividualStartDateSet c => $"from {D(c.StartDate)}",
            HistoricAccessGranted c => $"from {D(c.FromDate)}",
            EntryRedacted c => $"entry {c.EntryId}",
            EntryUnredacted c => $"entry {c.EntryId}",
            EntryReleased c => $"entry {c.EntryId}",
            EntryReleaseWithdrawn c => $"entry {c.EntryId}",
            _ => string.Empty,
        };
        var at = e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var why = e.Reason is null ? string.Empty : $"  why: {e.Reason}";
        return $"v{recorded.Version}  {at}  {e.Change.Kind}  {what}  by {e.Actor}{why}".Replace("    ", "  ", StringComparison.Ordinal);
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
