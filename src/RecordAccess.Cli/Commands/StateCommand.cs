using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RecordAccess.Cli.Store;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Policy;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess state --patient NHS [--as-of DATE]</c>: one patient's policy state, now or as it was.</summary>
internal static class StateCommand
{
    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var store = new StoreArguments();
        var patient = new Option<string>("--patient") { Description = "The patient's NHS number (10 digits).", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Rebuild the state as it was at the end of this UK calendar day (YYYY-MM-DD)." };
        var asOfVersion = new Option<long?>("--as-of-version") { Description = "Rebuild the state as it was at this state version." };
        var command = new Command(
            "state",
            "Print one patient's policy state (practice settings, codes, restriction, flags, grants, redactions, releases) as JSON, "
            + "rebuilt from the event log: now, or --as-of a past date or version.\nExit codes: 0 printed (\"patient\": null when the store knows nothing of them); 2 bad option; 1 the store failed.")
        {
            patient, asOf, asOfVersion,
        };
        store.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            store.TryRead(parse, stderr, "state", out var options) ? options : null, parse.GetValue(patient)!, parse.GetValue(asOf), parse.GetValue(asOfVersion), stdout, stderr, ct));
        return command;
    }

    private static async Task<int> RunAsync(StorageOptions? options, string patient, string? asOf, long? asOfVersion, Stream stdout, TextWriter stderr, CancellationToken ct)
    {
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        if (!NhsNumber.TryParseDisplayed(patient, out var nhs, out var error))
        {
            stderr.WriteLine($"recordaccess state: --patient {error}");
            return ExitCodes.BadInput;
        }

        DateTimeOffset? before = null;
        if (asOf is not null)
        {
            if (!UkDates.TryParse(asOf, out var day))
            {
                stderr.WriteLine($"recordaccess state: --as-of must be a YYYY-MM-DD calendar date, not '{asOf}'");
                return ExitCodes.BadInput;
            }

            before = UkDates.EndOfDay(day);
        }

        if (asOfVersion is < 0)
        {
            stderr.WriteLine("recordaccess state: --as-of-version must be 0 or more");
            return ExitCodes.BadInput;
        }

        try
        {
            await using var policyStore = await PolicyStore.OpenAsync(options, ct);
            var latest = await policyStore.ReadVersionAsync(ct);
            using var state = await PolicyLoader.LoadPatientAsync(policyStore, nhs.Value, asOfVersion ?? latest, before, ct);
            Write(stdout, nhs.Value, asOf, asOfVersion ?? latest, state);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (StoreFailure.Is(e))
        {
            stderr.WriteLine($"recordaccess state: the store failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static void Write(Stream stdout, string nhs, string? asOf, long version, PolicyState state)
    {
        var view = state.FindPatient(nhs);
        var practice = view?.Ods is { } ods ? state.FindPractice(ods) : null;
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("nhsNumber", nhs);
            w.WriteNumber("stateVersion", version);
            w.WriteNumber("lastChangeVersion", state.Version);
            if (asOf is not null)
            {
                w.WriteString("asOfEndOf", asOf);
            }

            if (view is null)
            {
                w.WriteNull("patient");
            }
            else
            {
                w.WriteStartObject("practice");
                w.WriteString("ods", view.Ods);
                Date(w, "switchOnDate", practice?.SwitchOnDate);
                w.WriteBoolean("optedOut", practice?.OptedOut ?? false);
                w.WriteEndObject();
                w.WriteStartObject("patient");
                Date(w, "dateOfBirth", view.DateOfBirth);
                Date(w, "registrationDate", view.RegistrationDate);
                Date(w, "individualStartDate", view.IndividualStartDate);
                Date(w, "individualGrantDate", view.IndividualGrantDate);
                Date(w, "historicFromDate", view.HistoricFromDate);
                w.WriteStartArray("codes");
                foreach (var c in view.Codes)
                {
                    w.WriteStartObject();
                    w.WriteString("code", c.Code);
                    w.WriteString("effectiveDate", c.EffectiveDate.ToString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteBoolean("restricted", view.Restricted);
                Strings(w, "safeguardingFlags", view.SafeguardingFlags);
                Strings(w, "redactedEntries", view.RedactedEntries);
                Strings(w, "releasedEntries", view.ReleasedEntries);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }

    private static void Date(Utf8JsonWriter w, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            w.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
